import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { SuspiciousStampsPage } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { TranslatePipe } from '@nss/web-data-access';
import { PagerComponent } from '@nss/web-ui';

/** The province's stamps found suspicious (`GET /scans/suspicious`), with why; reasons use the scan pages' texts. */
@Component({
  selector: 'nss-suspicious-panel',
  imports: [PagerComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = page();
    <div class="table-wrap">
      <table data-testid="report-suspicious">
        <thead><tr>
          <th scope="col">{{ 'rep.suspicious.serial' | t }}</th><th scope="col">{{ 'rep.suspicious.product' | t }}</th>
          <th scope="col">{{ 'rep.suspicious.commune' | t }}</th><th scope="col">{{ 'rep.suspicious.reasons' | t }}</th>
          <th scope="col" class="num">{{ 'rep.suspicious.scans' | t }}</th>
        </tr></thead>
        <tbody>
          @for (s of p.items; track s.serial) {
            <tr data-testid="report-suspicious-row">
              <th scope="row"><code>{{ s.serial }}</code></th><td>{{ s.productName }}</td><td>{{ s.communeName }}</td>
              <td>@for (r of s.reasons; track r.reason) { <span class="reason">{{ 'scan.reason.' + r.reason | t }} ({{ time(r.detectedAt) }})</span> }</td>
              <td class="num">{{ s.scanCount }}</td>
            </tr>
          } @empty {
            <tr><td colspan="5" class="muted">{{ 'rep.suspicious.empty' | t }}</td></tr>
          }
        </tbody>
      </table>
    </div>
    <nss-pager [page]="p.page" [pageSize]="p.pageSize" [total]="p.total" (pageChange)="pageChange.emit($event)" />
  `,
  styles: `
    .reason { display: block; }
    th[scope='row'] { font-weight: 400; text-align: left; }
  `,
})
export class SuspiciousPanelComponent {
  readonly page = input.required<SuspiciousStampsPage>();
  readonly pageChange = output<number>();

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}

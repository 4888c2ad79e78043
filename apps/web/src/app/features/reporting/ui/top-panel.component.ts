import { ChangeDetectionStrategy, Component, inject, input, model } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import type { ReportTopDto } from '@nss/contracts';
import { formatNumber } from '@nss/report-figures';
import { I18n, TranslatePipe } from '@nss/web-data-access';

/** The best-selling products or sellers of the period, by revenue net of cancellations and refunds. */
@Component({
  selector: 'nss-top-panel',
  imports: [MatButtonToggleModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group data-testid="top-by" [value]="by()" (change)="by.set($event.value)" [attr.aria-label]="'rep.top.title' | t">
      <mat-button-toggle value="product">{{ 'rep.top.byProduct' | t }}</mat-button-toggle>
      <mat-button-toggle value="seller">{{ 'rep.top.bySeller' | t }}</mat-button-toggle>
    </mat-button-toggle-group>
    <div class="table-wrap">
      <table data-testid="top-table">
        <thead><tr>
          <th scope="col">#</th><th scope="col">{{ 'rep.top.name' | t }}</th><th scope="col" class="num">{{ 'rep.top.orders' | t }}</th>
          <th scope="col" class="num">{{ 'rep.top.revenue' | t }}</th><th scope="col" class="num">{{ 'rep.top.weight' | t }}</th>
        </tr></thead>
        <tbody>
          @for (r of rows(); track r.id; let i = $index) {
            <tr data-testid="top-row"><td>{{ i + 1 }}</td><th scope="row">{{ r.name }}</th><td class="num">{{ n(r.orders) }}</td>
              <td class="num">{{ n(r.revenueVnd) }}</td><td class="num">{{ n(r.weightKg, 1) }}</td></tr>
          } @empty {
            <tr><td colspan="5" class="muted">{{ 'rep.empty' | t }}</td></tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `th[scope='row'] { font-weight: 400; text-align: left; }`,
})
export class TopPanelComponent {
  private readonly i18n = inject(I18n);
  readonly rows = input.required<ReportTopDto['rows']>();
  readonly by = model<'product' | 'seller'>('product');

  protected n(value: number, decimals = 0): string {
    return formatNumber(value, this.i18n.lang(), decimals);
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { formatVnDateTime } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PagerComponent } from '@nss/web-ui';
import { ScanCountTableComponent } from './scan-count-table.component';
import { dayLabel, defaultPeriod } from './scan-filter';
import { ScansApi } from './scans.api';

/**
 * `/quan-ly/luot-quet` (province staff; admins see all provinces): scans of the province's stamps by commune, product,
 * result and day, and the stamps found suspicious with why.
 */
@Component({
  selector: 'nss-staff-scans-page',
  imports: [TranslatePipe, ErrorBoxComponent, PagerComponent, ScanCountTableComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">{{ 'scan.staff.intro' | t }}</p>
    <form class="card filters" (submit)="$event.preventDefault()">
      <div class="field"><label for="scan-from">{{ 'scan.filter.from' | t }}</label>
        <input id="scan-from" type="date" data-testid="scan-from" [value]="from()" (change)="from.set(value($event))" /></div>
      <div class="field"><label for="scan-to">{{ 'scan.filter.to' | t }}</label>
        <input id="scan-to" type="date" data-testid="scan-to" [value]="to()" (change)="to.set(value($event))" /></div>
    </form>
    @if (summary.error()) { <nss-error-box [error]="summaryError()" /> }
    @if (summary.hasValue()) {
      @let s = summary.value();
      <p data-testid="scan-total"><strong>{{ 'scan.total' | t: { n: s.total } }}</strong></p>
      <nss-scan-count-table testId="scan-by-commune" [title]="'scan.byCommune' | t" [column]="'scan.commune' | t" [rows]="byCommune()" />
      <nss-scan-count-table testId="scan-by-product" [title]="'scan.byProduct' | t" [column]="'scan.product' | t" [rows]="byProduct()" />
      <nss-scan-count-table testId="scan-by-verdict" [title]="'scan.byVerdict' | t" [column]="'scan.verdict' | t" [rows]="byVerdict()" />
      <nss-scan-count-table testId="scan-by-day" [title]="'scan.byDay' | t" [column]="'scan.day' | t" [rows]="byDay()" />
    } @else if (summary.isLoading()) {
      <p role="status">{{ 'scan.loading' | t }}</p>
    }
    <section class="card">
      <h2>{{ 'scan.suspicious.title' | t }}</h2>
      @if (suspicious.error()) { <nss-error-box [error]="suspiciousError()" /> }
      @if (suspicious.hasValue()) {
        @let page = suspicious.value();
        <div class="table-wrap">
          <table data-testid="suspicious-table">
            <thead><tr>
              <th scope="col">{{ 'scan.suspicious.serial' | t }}</th><th scope="col">{{ 'scan.product' | t }}</th>
              <th scope="col">{{ 'scan.suspicious.lot' | t }}</th><th scope="col">{{ 'scan.commune' | t }}</th>
              <th scope="col">{{ 'scan.suspicious.reasons' | t }}</th><th scope="col" class="num">{{ 'scan.suspicious.scans' | t }}</th>
            </tr></thead>
            <tbody>
              @for (s of page.items; track s.serial) {
                <tr data-testid="suspicious-row" [attr.data-serial]="s.serial">
                  <th scope="row"><code>{{ s.serial }}</code></th><td>{{ s.productName }}</td><td>{{ s.lotCode ?? '—' }}</td><td>{{ s.communeName }}</td>
                  <td>@for (r of s.reasons; track r.reason) { <span class="reason">{{ 'scan.reason.' + r.reason | t }} ({{ time(r.detectedAt) }})</span> }</td>
                  <td class="num">{{ s.scanCount }}</td>
                </tr>
              } @empty {
                <tr><td colspan="6" class="muted">{{ 'scan.suspicious.empty' | t }}</td></tr>
              }
            </tbody>
          </table>
        </div>
        <nss-pager [page]="page.page" [pageSize]="page.pageSize" [total]="page.total" (pageChange)="suspiciousPage.set($event)" />
      }
    </section>
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin-bottom: 12px; }
    h2 { font-size: 1.05rem; margin: 0 0 8px; }
    .reason { display: block; }
  `,
})
export class StaffScansPage {
  private readonly api = inject(ScansApi);
  private readonly i18n = inject(I18n);

  protected readonly from = signal(defaultPeriod().from);
  protected readonly to = signal(defaultPeriod().to);
  protected readonly suspiciousPage = signal(1);
  protected readonly summary = rxResource({
    params: () => ({ from: this.from(), to: this.to() }),
    stream: ({ params }) => this.api.summary(params),
  });
  protected readonly suspicious = rxResource({ params: () => this.suspiciousPage(), stream: ({ params }) => this.api.suspicious(params) });
  protected readonly summaryError = computed(() => toApiError(this.summary.error()));
  protected readonly suspiciousError = computed(() => toApiError(this.suspicious.error()));

  protected readonly byCommune = computed(() =>
    (this.summary.value()?.byCommune ?? []).map((r) => ({ key: r.communeCode, label: r.communeName, count: r.count })),
  );
  protected readonly byProduct = computed(() =>
    (this.summary.value()?.byProduct ?? []).map((r) => ({ key: r.productId, label: r.productName || r.productId, count: r.count })),
  );
  protected readonly byVerdict = computed(() =>
    (this.summary.value()?.byVerdict ?? []).map((r) => ({ key: r.verdict, label: this.i18n.t(`scan.verdict.${r.verdict}`), count: r.count })),
  );
  protected readonly byDay = computed(() => (this.summary.value()?.byDay ?? []).map((r) => ({ key: r.day, label: dayLabel(r.day), count: r.count })));

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}

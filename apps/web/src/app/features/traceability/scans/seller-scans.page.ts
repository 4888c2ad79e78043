import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent } from '@nss/web-ui';
import { ScanCountTableComponent } from './scan-count-table.component';
import { dayLabel, defaultPeriod } from './scan-filter';
import { ScansApi } from './scans.api';

/**
 * `/nguoi-ban/luot-quet` (seller; an agent adds `?sellerId=`): scans of the seller's stamps over a period, by day, by
 * result, by where they were scanned (approximate, consented positions only) and by product.
 */
@Component({
  selector: 'nss-seller-scans-page',
  imports: [TranslatePipe, ErrorBoxComponent, PageHeaderComponent, ScanCountTableComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'scan.seller.title' | t" [subtitle]="'scan.seller.intro' | t" />
    <form class="card filters" (submit)="$event.preventDefault()">
      <div class="field"><label for="scan-from">{{ 'scan.filter.from' | t }}</label>
        <input id="scan-from" type="date" data-testid="scan-from" [value]="from()" (change)="from.set(value($event))" /></div>
      <div class="field"><label for="scan-to">{{ 'scan.filter.to' | t }}</label>
        <input id="scan-to" type="date" data-testid="scan-to" [value]="to()" (change)="to.set(value($event))" /></div>
      <div class="field"><label for="scan-product">{{ 'scan.filter.product' | t }}</label>
        <select id="scan-product" data-testid="scan-product" (change)="productId.set(value($event) || undefined)">
          <option value="">{{ 'scan.filter.allProducts' | t }}</option>
          @for (p of products(); track p.key) { <option [value]="p.key" [selected]="p.key === productId()">{{ p.label }}</option> }
        </select></div>
    </form>
    @if (summary.error()) { <nss-error-box [error]="error()" /> }
    @if (summary.hasValue()) {
      @let s = summary.value();
      <p data-testid="scan-total"><strong>{{ 'scan.total' | t: { n: s.total } }}</strong></p>
      <nss-scan-count-table testId="scan-by-day" [title]="'scan.byDay' | t" [column]="'scan.day' | t" [rows]="byDay()" />
      <nss-scan-count-table testId="scan-by-verdict" [title]="'scan.byVerdict' | t" [column]="'scan.verdict' | t" [rows]="byVerdict()" />
      <nss-scan-count-table testId="scan-by-province" [title]="'scan.byProvince' | t" [hint]="'scan.byProvinceHint' | t"
        [column]="'scan.province' | t" [rows]="byProvince()" />
      <nss-scan-count-table testId="scan-by-product" [title]="'scan.byProduct' | t" [column]="'scan.product' | t" [rows]="byProduct()" />
    } @else if (summary.isLoading()) {
      <p role="status">{{ 'scan.loading' | t }}</p>
    }
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; }
    .filters .field { min-width: 10rem; }
  `,
})
export class SellerScansPage {
  private readonly api = inject(ScansApi);
  private readonly i18n = inject(I18n);
  /** Query `?sellerId=` (agents). */
  readonly sellerId = input<string | undefined>(undefined);

  protected readonly from = signal(defaultPeriod().from);
  protected readonly to = signal(defaultPeriod().to);
  protected readonly productId = signal<string | undefined>(undefined);
  protected readonly summary = rxResource({
    params: () => ({ from: this.from(), to: this.to(), productId: this.productId(), sellerId: this.sellerId() }),
    stream: ({ params }) => this.api.summary(params),
  });
  protected readonly error = computed(() => toApiError(this.summary.error()));
  /** The products scanned in the period (while one is picked, that one: "all products" goes back). */
  protected readonly products = computed(() => this.byProduct());

  protected readonly byDay = computed(() => (this.summary.value()?.byDay ?? []).map((r) => ({ key: r.day, label: dayLabel(r.day), count: r.count })));
  protected readonly byVerdict = computed(() =>
    (this.summary.value()?.byVerdict ?? []).map((r) => ({ key: r.verdict, label: this.i18n.t(`scan.verdict.${r.verdict}`), count: r.count })),
  );
  protected readonly byProvince = computed(() =>
    (this.summary.value()?.byScannerProvince ?? []).map((r) => ({
      key: r.provinceCode ?? 'unknown',
      label: r.provinceName ?? this.i18n.t('scan.unknownPlace'),
      count: r.count,
    })),
  );
  protected readonly byProduct = computed(() =>
    (this.summary.value()?.byProduct ?? []).map((r) => ({ key: r.productId, label: r.productName || r.productId, count: r.count })),
  );

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }
}

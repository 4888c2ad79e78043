import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { rxResource } from '@angular/core/rxjs-interop';
import type { FigureName } from '@nss/report-figures';
import { AuthSession, I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent } from '@nss/web-ui';
import { of } from 'rxjs';
import { AdminUnitsApi } from '../../seller/data/admin-units.api';
import { ReportsApi } from '../data/reports.api';
import { filterFromUrl, filterToUrl, granularityOf, periodOf, periodQuery, type ReportFilter } from '../report-filter';
import { CommuneTableComponent } from '../ui/commune-table.component';
import { ExportsPanelComponent } from '../ui/exports-panel.component';
import { FigureCardsComponent } from '../ui/figure-cards.component';
import { FunnelPanelComponent } from '../ui/funnel-panel.component';
import { PeriodFilterComponent } from '../ui/period-filter.component';
import { ReportThemeComponent } from '../ui/report-theme.component';
import { SeriesChartComponent } from '../ui/series-chart.component';
import { SuspiciousPanelComponent } from '../ui/suspicious-panel.component';
import { TopPanelComponent } from '../ui/top-panel.component';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `/quan-ly/bao-cao` (province staff: their province) and `/quan-tri/bao-cao` (admins: the country or a province they
 * pick). One filter drives every section; each section loads on its own, so a slow or missing one leaves the rest
 * (a resource's `value()` throws once it has failed: every section reads it behind `hasValue()`).
 */
@Component({
  selector: 'nss-report-dashboard-page',
  imports: [
    ReportThemeComponent, PeriodFilterComponent, FigureCardsComponent, SeriesChartComponent, CommuneTableComponent,
    FunnelPanelComponent, TopPanelComponent, SuspiciousPanelComponent, ExportsPanelComponent, ErrorBoxComponent, TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-report-theme />
    <h2 class="page-title">{{ (isAdmin() && !province() ? 'rep.titleNational' : 'rep.title') | t }}</h2>
    <p class="muted">{{ 'rep.intro' | t }}</p>
    <nss-period-filter [(filter)]="filter" [provinces]="provinceOptions()" [communes]="communeOptions()" />

    <section aria-labelledby="rep-cards">
      <h2 id="rep-cards" class="sr-only">{{ 'rep.cards.title' | t }}</h2>
      <nss-error-box [error]="errorOf(figures.error())" />
      @if (figures.hasValue()) {
        @let f = figures.value();
        <p class="summary card" data-testid="report-summary">{{ f.summary[lang()] }}</p>
        <nss-figure-cards [figures]="f.figures" />
      } @else if (figures.isLoading()) { <p role="status">{{ 'rep.loading' | t }}</p> }
    </section>

    <section class="card" aria-labelledby="rep-chart">
      <h2 id="rep-chart">{{ 'rep.chart.title' | t }}</h2>
      <nss-error-box [error]="errorOf(series.error())" />
      <nss-series-chart [series]="series.hasValue() ? series.value() : undefined" [(figure)]="chartFigure" />
    </section>

    <section class="card" aria-labelledby="rep-communes">
      <h2 id="rep-communes">{{ 'rep.communes.title' | t }}</h2>
      @if (!province()) { <p class="muted">{{ 'rep.communes.needProvince' | t }}</p> }
      <nss-error-box [error]="errorOf(communes.error())" />
      @if (communes.hasValue()) { <nss-commune-table [communes]="communes.value().communes" /> }
    </section>

    @if (province()) {
      <section class="card" aria-labelledby="rep-funnel">
        <h2 id="rep-funnel">{{ 'rep.funnel.title' | t }}</h2>
        <nss-error-box [error]="errorOf(funnel.error())" />
        @if (funnel.hasValue()) { <nss-funnel-panel [funnel]="funnel.value()" [(by)]="funnelBy" /> }
      </section>
    }

    <section class="card" aria-labelledby="rep-top">
      <h2 id="rep-top">{{ 'rep.top.title' | t }}</h2>
      <nss-error-box [error]="errorOf(top.error())" />
      <nss-top-panel [rows]="top.hasValue() ? top.value().rows : []" [(by)]="topBy" />
    </section>

    <section class="card" aria-labelledby="rep-suspicious">
      <h2 id="rep-suspicious">{{ 'rep.suspicious.title' | t }}</h2>
      <nss-error-box [error]="errorOf(suspicious.error())" />
      @if (suspicious.hasValue()) { <nss-suspicious-panel [page]="suspicious.value()" (pageChange)="suspiciousPage.set($event)" /> }
    </section>

    <section class="card" aria-labelledby="rep-exports">
      <h2 id="rep-exports">{{ 'rep.exports.title' | t }}</h2>
      <nss-exports-panel [query]="query()" />
    </section>
  `,
  styles: `
    :host { display: block; }
    section { margin: 12px 0; }
    .page-title { margin-top: 8px; }
    .summary { margin: 0 0 12px; }
  `,
})
export class ReportDashboardPage {
  private readonly api = inject(ReportsApi);
  private readonly units = inject(AdminUnitsApi);
  private readonly session = inject(AuthSession);
  protected readonly lang = inject(I18n).lang;

  protected readonly isAdmin = computed(() => this.session.role() === 'admin');
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  /** Starts from the URL's query (a reload, the back button or a shared link shows the same figures) and is kept there. */
  protected readonly filter = signal<ReportFilter>(filterFromUrl(this.route.snapshot.queryParams));
  private readonly keepInUrl = effect(() => {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filterToUrl(this.filter()), queryParamsHandling: 'merge', replaceUrl: true });
  });
  protected readonly chartFigure = signal<FigureName>('orders_sold');
  protected readonly funnelBy = signal<'commune' | 'agent'>('commune');
  protected readonly topBy = signal<'product' | 'seller'>('product');
  protected readonly suspiciousPage = signal(1);

  /** The province shown: the admin's choice (none: the country), the staff member's own. */
  protected readonly province = computed(() => (this.isAdmin() ? this.filter().province : this.session.user()?.provinceCode));
  /** Staff never send a province: the API holds them to theirs. */
  protected readonly query = computed(() => periodQuery(this.isAdmin() ? this.filter() : { ...this.filter(), province: undefined }));

  protected readonly figures = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.figures(params) });
  protected readonly series = rxResource({
    params: () => ({ query: this.query(), figure: this.chartFigure(), granularity: granularityOf(periodOf(this.filter())) }),
    stream: ({ params }) => this.api.series(params.query, params.figure, params.granularity),
  });
  protected readonly communes = rxResource({
    params: () => (this.province() ? this.query() : undefined),
    stream: ({ params }) => this.api.communes(params),
  });
  /** The funnel and the suspicious stamps do not depend on the period: a new period must not ask for them again. */
  private readonly funnelParams = computed(
    () => (this.province() ? { province: this.isAdmin() ? this.province() : undefined, commune: this.filter().commune, by: this.funnelBy() } : undefined),
    { equal: sameJson },
  );
  protected readonly funnel = rxResource({ params: () => this.funnelParams(), stream: ({ params }) => this.api.funnel(params, params.by) });
  protected readonly top = rxResource({ params: () => ({ query: this.query(), by: this.topBy() }), stream: ({ params }) => this.api.top(params.query, params.by) });
  private readonly suspiciousParams = computed(() => ({ province: this.isAdmin() ? this.province() : undefined, page: this.suspiciousPage() }), { equal: sameJson });
  protected readonly suspicious = rxResource({
    params: () => this.suspiciousParams(),
    stream: ({ params }) => this.api.suspicious(params.province, params.page),
  });

  private readonly provinces = rxResource({ params: () => this.isAdmin() || undefined, stream: () => this.units.provinces() });
  private readonly communeList = rxResource({
    params: () => this.province(),
    stream: ({ params }) => (params ? this.units.communesOf(params) : of([])),
  });
  protected readonly provinceOptions = computed(() =>
    this.isAdmin() ? (this.provinces.hasValue() ? this.provinces.value() : []).map((p) => ({ code: p.code, name: p.name })) : null,
  );
  protected readonly communeOptions = computed(() =>
    (this.communeList.hasValue() ? this.communeList.value() : []).map((c) => ({ code: c.code, name: c.name })),
  );

  protected errorOf(error: unknown) {
    return error ? toApiError(error) : null;
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import type { ReportFunnelDto } from '@nss/contracts';
import { FUNNEL_STEPS, formatNumber } from '@nss/report-figures';
import { I18n, TranslatePipe } from '@nss/web-data-access';

/** The households shown in the stuck list; the rest are in the export. */
const STUCK_SHOWN = 50;

/**
 * The onboarding funnel by commune or agent: households at each step with the conversion from the step before, the
 * median days to a first sale, and the households stuck at a step (for follow-up visits).
 */
@Component({
  selector: 'nss-funnel-panel',
  imports: [MatButtonToggleModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = funnel();
    <p class="muted">{{ 'rep.funnel.intro' | t }}</p>
    <mat-button-toggle-group data-testid="funnel-by" [value]="by()" (change)="by.set($event.value)" [attr.aria-label]="'rep.funnel.title' | t">
      <mat-button-toggle value="commune">{{ 'rep.funnel.byCommune' | t }}</mat-button-toggle>
      <mat-button-toggle value="agent">{{ 'rep.funnel.byAgent' | t }}</mat-button-toggle>
    </mat-button-toggle-group>
    <p data-testid="funnel-median">{{ 'rep.funnel.median' | t }}: <strong>{{ days(f.medianDaysToFirstSale) }}</strong></p>
    <div class="table-wrap">
      <table data-testid="report-funnel">
        <thead><tr>
          <th scope="col">{{ 'rep.funnel.row' | t }}</th>
          @for (s of steps; track s) { <th scope="col" class="num">{{ 'rep.step.' + s | t }}</th> }
          <th scope="col" class="num">{{ 'rep.funnel.medianShort' | t }}</th>
        </tr></thead>
        <tbody>
          @for (row of rows(); track row.key) {
            <tr data-testid="funnel-row" [attr.data-key]="row.key">
              <th scope="row">{{ row.name }}</th>
              @for (c of row.cells; track c.step) { <td class="num" [attr.data-step]="c.step">{{ c.count }}<small>{{ c.rate }}</small></td> }
              <td class="num">{{ row.median }}</td>
            </tr>
          } @empty {
            <tr><td [attr.colspan]="steps.length + 2" class="muted">{{ 'rep.empty' | t }}</td></tr>
          }
        </tbody>
        <tfoot>
          <tr data-testid="funnel-total">
            <th scope="row">{{ 'rep.funnel.total' | t }}</th>
            @for (c of total().cells; track c.step) { <td class="num" [attr.data-step]="c.step"><strong>{{ c.count }}</strong><small>{{ c.rate }}</small></td> }
            <td class="num">{{ total().median }}</td>
          </tr>
        </tfoot>
      </table>
    </div>
    <h3>{{ 'rep.funnel.stuck' | t }} <small class="muted">{{ 'rep.funnel.stuckCount' | t: { n: f.stuck.length } }}</small></h3>
    <div class="table-wrap">
      <table data-testid="funnel-stuck">
        <thead><tr>
          <th scope="col">{{ 'rep.funnel.household' | t }}</th><th scope="col">{{ 'rep.communes.name' | t }}</th>
          <th scope="col">{{ 'rep.funnel.waiting' | t }}</th><th scope="col">{{ 'rep.funnel.since' | t }}</th>
        </tr></thead>
        <tbody>
          @for (h of stuck(); track h.householdKey) {
            <tr data-testid="stuck-row">
              <th scope="row">{{ h.name ?? h.householdKey }} @if (h.phone) { <a [href]="'tel:' + h.phone">{{ h.phone }}</a> }</th>
              <td>{{ h.communeName[lang()] }}</td><td>{{ 'rep.step.' + h.step | t }}</td><td>{{ dmy(h.since) }}</td>
            </tr>
          } @empty {
            <tr><td colspan="4" class="muted">{{ 'rep.empty' | t }}</td></tr>
          }
        </tbody>
      </table>
    </div>
    @if (f.stuck.length > stuck().length) { <p class="muted">{{ 'rep.funnel.stuckMore' | t: { n: f.stuck.length - stuck().length } }}</p> }
  `,
  styles: `
    td small { display: block; color: #5f6368; font-size: 0.8rem; }
    th[scope='row'] { font-weight: 400; text-align: left; }
    th[scope='row'] a { display: block; }
    tfoot { background: #f3f6f1; }
    h3 { font-size: 1rem; margin: 16px 0 8px; }
  `,
})
export class FunnelPanelComponent {
  private readonly i18n = inject(I18n);
  readonly funnel = input.required<ReportFunnelDto>();
  readonly by = model<'commune' | 'agent'>('commune');

  protected readonly steps = FUNNEL_STEPS;
  protected readonly lang = this.i18n.lang;
  protected readonly rows = computed(() => this.funnel().rows.map((r) => ({ key: r.key, name: r.name[this.lang()], ...this.summary(r) })));
  protected readonly total = computed(() => this.summary(this.funnel()));
  protected readonly stuck = computed(() => this.funnel().stuck.slice(0, STUCK_SHOWN));

  /** Counts per step, each with its rate against the step before ("" for the first step, "—" when that was 0). */
  private summary(s: Pick<ReportFunnelDto, 'counts' | 'conversion' | 'medianDaysToFirstSale'>) {
    const lang = this.lang();
    const cells = FUNNEL_STEPS.map((step, i) => {
      const rate = s.conversion[step];
      const text = i === 0 ? '' : rate === null || rate === undefined ? '—' : `${formatNumber(rate * 100, lang)}%`;
      return { step, count: formatNumber(s.counts[step] ?? 0, lang), rate: text };
    });
    return { cells, median: s.medianDaysToFirstSale === null ? '—' : formatNumber(s.medianDaysToFirstSale, lang, 1) };
  }

  protected days(n: number | null): string {
    return n === null ? '—' : this.i18n.t('rep.funnel.medianValue', { n: formatNumber(n, this.lang(), 1) });
  }

  protected dmy(day: string): string {
    return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ReportFigureDto } from '@nss/contracts';
import { formatNumber, type FigureName } from '@nss/report-figures';
import { I18n, TranslatePipe } from '@nss/web-data-access';
import { CARD_FIGURES, figureLabel, formatFigure } from '../figure-format';
import { RISE_IS_BAD, trendOf, type TrendDirection } from '../report-filter';

interface FigureView {
  name: string;
  label: string;
  value: string;
  previous: string;
  direction: TrendDirection;
  /** `+12,5%`, `-3%`, or '' (no percent against 0). */
  change: string;
  /** Read out by screen readers: "tăng 12,5% so với kỳ trước (1.200)". */
  spoken: string;
  /** Good or bad news, for the colour (a rise of cancellations is bad). */
  tone: 'good' | 'bad' | 'neutral';
}

/** The key figures as cards (value, arrow and percent against the previous period), every figure in a table below. */
@Component({
  selector: 'nss-figure-cards',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="cards" data-testid="figure-cards">
      @for (f of cards(); track f.name) {
        <li class="card" data-testid="figure-card" [attr.data-figure]="f.name">
          <span class="label">{{ f.label }}</span>
          <strong class="value" data-testid="figure-value">{{ f.value }}</strong>
          <span [class]="'trend ' + f.tone" data-testid="figure-trend" [attr.data-direction]="f.direction">
            <span aria-hidden="true">{{ arrow[f.direction] }} {{ f.change }}</span>
            <span class="sr-only">{{ f.spoken }}</span>
          </span>
        </li>
      }
    </ul>
    <details class="card all">
      <summary>{{ 'rep.all.title' | t }}</summary>
      <div class="table-wrap">
        <table data-testid="figure-table">
          <thead><tr>
            <th scope="col">{{ 'rep.all.figure' | t }}</th><th scope="col" class="num">{{ 'rep.all.value' | t }}</th>
            <th scope="col" class="num">{{ 'rep.all.previous' | t }}</th><th scope="col" class="num">{{ 'rep.all.change' | t }}</th>
          </tr></thead>
          <tbody>
            @for (f of all(); track f.name) {
              <tr><th scope="row">{{ f.label }}</th><td class="num">{{ f.value }}</td><td class="num">{{ f.previous }}</td><td class="num">{{ f.change || '—' }}</td></tr>
            }
          </tbody>
        </table>
      </div>
    </details>
  `,
  styles: `
    .cards { list-style: none; margin: 0 0 12px; padding: 0; display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); }
    .cards li { display: grid; gap: 2px; align-content: start; }
    .label { font-size: 0.9rem; color: #5f6368; }
    .value { font-size: 1.4rem; }
    .trend { font-size: 0.9rem; }
    .good { color: #1b5e20; }
    .bad { color: #b3261e; }
    .neutral { color: #5f6368; }
    .all summary { cursor: pointer; min-height: 44px; display: flex; align-items: center; font-weight: 600; }
    th[scope='row'] { font-weight: 400; text-align: left; }
  `,
})
export class FigureCardsComponent {
  private readonly i18n = inject(I18n);
  readonly figures = input.required<ReportFigureDto[]>();

  protected readonly arrow: Record<TrendDirection, string> = { up: '▲', down: '▼', flat: '＝', new: '▲' };
  protected readonly all = computed(() => this.figures().map((f) => this.view(f)));
  protected readonly cards = computed(() => {
    const byName = new Map(this.all().map((f) => [f.name, f]));
    return CARD_FIGURES.map((name) => byName.get(name)).filter((f): f is FigureView => !!f);
  });

  private view(figure: ReportFigureDto): FigureView {
    const lang = this.i18n.lang();
    const { direction, percent } = trendOf(figure.value, figure.previous);
    const change = percent === null ? '' : `${percent > 0 ? '+' : ''}${formatNumber(percent, lang, Number.isInteger(percent) ? 0 : 1)}%`;
    const previous = formatFigure(figure.name, figure.previous, lang);
    const badRise = RISE_IS_BAD.has(figure.name as FigureName);
    const rising = direction === 'up' || direction === 'new';
    const tone = direction === 'flat' ? 'neutral' : rising !== badRise ? 'good' : 'bad';
    const pct = change.replace(/^[+-]/, '');
    const spoken = this.i18n.t(`rep.trend.${direction}`, { pct, prev: previous });
    return { name: figure.name, label: figureLabel(figure.name, lang), value: formatFigure(figure.name, figure.value, lang), previous, direction, change, spoken, tone };
  }
}

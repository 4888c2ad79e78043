import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, effect, inject, input, model, viewChild } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { ReportSeriesDto } from '@nss/contracts';
import { FIGURE_NAMES, isoWeekOf, type FigureName } from '@nss/report-figures';
import { I18n, TranslatePipe } from '@nss/web-data-access';
// Only the parts of Chart.js a bar chart needs (tree-shaken; registered once below).
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { figureLabel, formatFigure } from '../figure-format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** A bucket's short label: `23/11` (day), `T48`/`W48` (week), `11/2026` (month). */
export function bucketLabel(point: { from: string }, granularity: ReportSeriesDto['granularity'], lang: 'vi' | 'en'): string {
  const day = point.from;
  if (granularity === 'day') return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
  if (granularity === 'week') return `${lang === 'vi' ? 'T' : 'W'}${isoWeekOf(day).week}`;
  return `${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/**
 * One figure over time as a bar chart (Chart.js on a canvas), with its text alternative: the canvas's label says what
 * it shows and its highest point, and the same numbers are a table under it.
 */
@Component({
  selector: 'nss-series-chart',
  imports: [MatFormFieldModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="pick">
      <mat-label>{{ 'rep.chart.figure' | t }}</mat-label>
      <mat-select data-testid="chart-figure" [value]="figure()" (selectionChange)="figure.set($event.value)">
        @for (name of names; track name) { <mat-option [value]="name">{{ label(name) }}</mat-option> }
      </mat-select>
    </mat-form-field>
    <div class="canvas-box"><canvas #canvas role="img" data-testid="chart-canvas" [attr.aria-label]="alt()"></canvas></div>
    <details>
      <summary>{{ 'rep.chart.table' | t }}</summary>
      <div class="table-wrap">
        <table data-testid="chart-table">
          <thead><tr><th scope="col">{{ 'rep.chart.bucket' | t }}</th><th scope="col" class="num">{{ label(figure()) }}</th></tr></thead>
          <tbody>
            @for (p of rows(); track p.key) { <tr><th scope="row">{{ p.label }}</th><td class="num">{{ p.text }}</td></tr> }
          </tbody>
        </table>
      </div>
    </details>
  `,
  styles: `
    .pick { width: 100%; max-width: 360px; }
    .canvas-box { position: relative; height: 240px; }
    summary { cursor: pointer; min-height: 44px; display: flex; align-items: center; }
    th[scope='row'] { font-weight: 400; text-align: left; }
  `,
})
export class SeriesChartComponent {
  private readonly i18n = inject(I18n);
  readonly series = input<ReportSeriesDto | undefined>(undefined);
  readonly figure = model<FigureName>('orders_sold');

  protected readonly names = FIGURE_NAMES;
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  protected readonly rows = computed(() => {
    const s = this.series();
    const lang = this.i18n.lang();
    if (!s) return [];
    return s.points.map((p) => ({ key: p.key, label: bucketLabel(p, s.granularity, lang), value: p.value, text: formatFigure(s.figure, p.value, lang) }));
  });

  protected readonly alt = computed(() => {
    const rows = this.rows();
    const top = rows.reduce<(typeof rows)[number] | null>((best, r) => (!best || r.value > best.value ? r : best), null);
    return this.i18n.t('rep.chart.alt', { figure: this.label(this.figure()), n: rows.length, max: top?.text ?? '0', at: top?.label ?? '—' });
  });

  constructor() {
    effect(() => this.draw(this.rows()));
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  protected label(name: string): string {
    return figureLabel(name, this.i18n.lang());
  }

  private draw(rows: Array<{ label: string; value: number }>): void {
    const labels = rows.map((r) => r.label);
    // Weight is drawn in tonnes, like the cards.
    const scale = this.series()?.figure === 'weight_grams' ? 1_000_000 : 1;
    const data = rows.map((r) => r.value / scale);
    if (this.chart) {
      this.chart.data.labels = labels;
      this.chart.data.datasets[0].data = data;
      this.chart.update();
      return;
    }
    // No 2D context (a test DOM without canvas): the table still carries the numbers.
    const context = this.canvas().nativeElement.getContext('2d');
    if (!context) return;
    this.chart = new Chart(context, {
      type: 'bar',
      data: { labels, datasets: [{ data, backgroundColor: '#2e7d32' }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    });
  }
}

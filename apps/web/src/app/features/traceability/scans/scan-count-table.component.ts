import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@nss/web-data-access';

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/** One breakdown of scans (by day, result, place, commune or product) as a two-column table. */
@Component({
  selector: 'nss-scan-count-table',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card">
      <h2>{{ title() }}</h2>
      @if (hint()) { <p class="small muted">{{ hint() }}</p> }
      <div class="table-wrap">
        <table [attr.data-testid]="testId()">
          <thead><tr><th scope="col">{{ column() }}</th><th scope="col" class="num">{{ 'scan.count' | t }}</th></tr></thead>
          <tbody>
            @for (row of rows(); track row.key) {
              <tr [attr.data-key]="row.key"><th scope="row">{{ row.label }}</th><td class="num">{{ row.count }}</td></tr>
            } @empty {
              <tr><td colspan="2" class="muted">{{ 'scan.empty' | t }}</td></tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
  styles: `
    section { margin: 12px 0; }
    h2 { font-size: 1.05rem; margin: 0 0 8px; }
    th[scope='row'] { font-weight: 400; text-align: left; }
  `,
})
export class ScanCountTableComponent {
  readonly title = input.required<string>();
  readonly column = input.required<string>();
  readonly rows = input.required<CountRow[]>();
  readonly testId = input<string>('scan-table');
  readonly hint = input<string | null>(null);
}

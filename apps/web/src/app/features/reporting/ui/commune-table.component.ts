import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import type { ReportCommunesDto } from '@nss/contracts';
import { I18n, TranslatePipe, type Lang } from '@nss/web-data-access';
import { COMMUNE_FIGURES, figureLabel, formatFigure } from '../figure-format';

type CommuneRow = ReportCommunesDto['communes'][number];

/**
 * Commune rows in the order a header asks for: `name` by Vietnamese alphabetical order (collator: "Đ" after "D"), a
 * figure by value; ties and no sort keep the name order.
 */
export function sortCommuneRows(rows: readonly CommuneRow[], sort: Sort, lang: Lang): CommuneRow[] {
  const collator = new Intl.Collator(lang === 'vi' ? 'vi' : 'en', { sensitivity: 'base' });
  const byName = (a: CommuneRow, b: CommuneRow) => collator.compare(a.name[lang], b.name[lang]);
  const sign = sort.direction === 'desc' ? -1 : 1;
  const sorted = [...rows];
  if (!sort.direction || sort.active === 'name') {
    return sorted.sort((a, b) => (sort.direction ? sign : 1) * byName(a, b));
  }
  return sorted.sort((a, b) => sign * ((a.values[sort.active] ?? 0) - (b.values[sort.active] ?? 0)) || byName(a, b));
}

/** Every commune of the province with the main figures (Material table, sortable by any column); split former communes noted. */
@Component({
  selector: 'nss-commune-table',
  imports: [MatTableModule, MatSortModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-wrap">
      <table mat-table matSort data-testid="commune-table" [dataSource]="rows()" [matSortActive]="sort().active"
        [matSortDirection]="sort().direction" (matSortChange)="sort.set($event)">
        <ng-container matColumnDef="name" sticky>
          <th mat-header-cell *matHeaderCellDef mat-sort-header data-testid="sort-name">{{ 'rep.communes.name' | t }}</th>
          <td mat-cell *matCellDef="let row" data-testid="commune-name">
            {{ row.name[lang()] }}
            @if (row.former) { <span class="former" data-testid="commune-former">{{ 'rep.communes.former' | t }}</span> }
          </td>
        </ng-container>
        @for (name of figures; track name) {
          <ng-container [matColumnDef]="name">
            <th mat-header-cell *matHeaderCellDef mat-sort-header arrowPosition="before" class="num" [attr.data-testid]="'sort-' + name">{{ label(name) }}</th>
            <td mat-cell *matCellDef="let row" class="num" [attr.data-figure]="name">{{ value(name, row.values[name] ?? 0) }}</td>
          </ng-container>
        }
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns" data-testid="commune-row" [attr.data-key]="row.key" [class.former-row]="row.former"></tr>
        <tr class="mat-mdc-row" *matNoDataRow><td class="mat-mdc-cell muted" [attr.colspan]="columns.length">{{ 'rep.empty' | t }}</td></tr>
      </table>
    </div>
  `,
  styles: `
    table { width: 100%; }
    .num { text-align: right; white-space: nowrap; }
    .former { display: block; font-size: 0.8rem; color: #8a5a00; }
    .former-row { background: #fff8e1; }
    td[data-testid='commune-name'] { min-width: 10rem; }
  `,
})
export class CommuneTableComponent {
  private readonly i18n = inject(I18n);
  readonly communes = input.required<CommuneRow[]>();

  protected readonly figures = COMMUNE_FIGURES;
  protected readonly columns = ['name', ...COMMUNE_FIGURES];
  protected readonly lang = this.i18n.lang;
  protected readonly sort = signal<Sort>({ active: 'name', direction: 'asc' });
  protected readonly rows = computed(() => sortCommuneRows(this.communes(), this.sort(), this.lang()));

  protected label(name: string): string {
    return figureLabel(name, this.lang());
  }

  protected value(name: string, value: number): string {
    return formatFigure(name, value, this.lang());
  }
}

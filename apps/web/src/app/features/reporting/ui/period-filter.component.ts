import { ChangeDetectionStrategy, Component, computed, effect, inject, input, model } from '@angular/core';
import { DateAdapter } from '@angular/material/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { PERIOD_KINDS, periodPhrase, type PeriodKind } from '@nss/report-figures';
import { I18n, TranslatePipe } from '@nss/web-data-access';
import { dateOf, dayKeyOf, isFuture, periodOf, shiftFilter, type ReportFilter } from '../report-filter';

export interface PlaceOption {
  code: string;
  name: string;
}

/**
 * The dashboard's filters: the province (admins), the kind of period with a day inside it or a date range (Material
 * datepicker and date range picker), the commune, and previous/next buttons with the period written out.
 */
@Component({
  selector: 'nss-period-filter',
  imports: [MatButtonModule, MatDatepickerModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = filter();
    <form class="filters" (submit)="$event.preventDefault()">
      @if (provinces(); as list) {
        <mat-form-field>
          <mat-label>{{ 'rep.filter.province' | t }}</mat-label>
          <mat-select data-testid="report-province" [value]="f.province ?? ''" (selectionChange)="patch({ province: $event.value || undefined, commune: undefined })">
            <mat-option value="">{{ 'rep.filter.national' | t }}</mat-option>
            @for (p of list; track p.code) { <mat-option [value]="p.code">{{ p.name }}</mat-option> }
          </mat-select>
        </mat-form-field>
      }
      <mat-form-field>
        <mat-label>{{ 'rep.filter.kind' | t }}</mat-label>
        <mat-select data-testid="report-kind" [value]="f.kind" (selectionChange)="patch({ kind: $event.value })">
          @for (k of kinds; track k) { <mat-option [value]="k" [attr.data-kind]="k">{{ 'rep.kind.' + k | t }}</mat-option> }
        </mat-select>
      </mat-form-field>
      @if (f.kind === 'range') {
        <mat-form-field>
          <mat-label>{{ 'rep.filter.range' | t }}</mat-label>
          <mat-date-range-input [rangePicker]="rangePicker">
            <input matStartDate data-testid="report-from" [attr.aria-label]="'rep.filter.from' | t" [value]="date(f.from)" (dateChange)="pickFrom($event.value)" />
            <input matEndDate data-testid="report-to" [attr.aria-label]="'rep.filter.to' | t" [value]="date(f.to)" (dateChange)="pickTo($event.value)" />
          </mat-date-range-input>
          <mat-hint>{{ 'rep.filter.dateHint' | t }} – {{ 'rep.filter.dateHint' | t }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="rangePicker" />
          <mat-date-range-picker #rangePicker />
        </mat-form-field>
      } @else {
        <mat-form-field>
          <mat-label>{{ 'rep.filter.day' | t }}</mat-label>
          <input matInput data-testid="report-day" [matDatepicker]="dayPicker" [value]="date(f.day)" (dateChange)="pickDay($event.value)" />
          <mat-hint>{{ 'rep.filter.dateHint' | t }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="dayPicker" />
          <mat-datepicker #dayPicker />
        </mat-form-field>
      }
      @if (communes().length) {
        <mat-form-field>
          <mat-label>{{ 'rep.filter.commune' | t }}</mat-label>
          <mat-select data-testid="report-commune" [value]="f.commune ?? ''" (selectionChange)="patch({ commune: $event.value || undefined })">
            <mat-option value="">{{ 'rep.filter.allCommunes' | t }}</mat-option>
            @for (c of communes(); track c.code) { <mat-option [value]="c.code">{{ c.name }}</mat-option> }
          </mat-select>
        </mat-form-field>
      }
    </form>
    <div class="period">
      <button mat-stroked-button type="button" data-testid="report-prev" [attr.aria-label]="'rep.filter.prev' | t" (click)="step(-1)">‹</button>
      <strong data-testid="report-period" aria-live="polite">{{ phrase() }}</strong>
      <button mat-stroked-button type="button" data-testid="report-next" [attr.aria-label]="'rep.filter.next' | t" [disabled]="nextIsFuture()" (click)="step(1)">›</button>
    </div>
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 0 12px; }
    .filters mat-form-field { flex: 1 1 200px; min-width: 0; }
    .period { display: flex; align-items: center; gap: 12px; margin: 4px 0 12px; }
    .period strong { flex: 1; text-align: center; }
    .period button { min-width: 44px; min-height: 44px; }
  `,
})
export class PeriodFilterComponent {
  private readonly i18n = inject(I18n);
  readonly filter = model.required<ReportFilter>();
  /** Admins: the provinces to choose from; staff: null (the API holds them to theirs). */
  readonly provinces = input<PlaceOption[] | null>(null);
  readonly communes = input<PlaceOption[]>([]);

  protected readonly kinds: readonly PeriodKind[] = PERIOD_KINDS;
  protected readonly phrase = computed(() => periodPhrase(periodOf(this.filter()), this.i18n.lang()));
  protected readonly nextIsFuture = computed(() => isFuture(shiftFilter(this.filter(), 1)));

  constructor() {
    // Month and weekday names of the calendar follow the page's language.
    const adapter = inject<DateAdapter<Date>>(DateAdapter);
    effect(() => adapter.setLocale(this.i18n.lang() === 'vi' ? 'vi-VN' : 'en-GB'));
  }

  protected patch(change: Partial<ReportFilter>): void {
    this.filter.update((f) => ({ ...f, ...change }));
  }

  protected step(step: -1 | 1): void {
    this.filter.update((f) => shiftFilter(f, step));
  }

  protected date(day: string): Date {
    return dateOf(day);
  }

  protected pickDay(date: Date | null): void {
    if (date && !isNaN(date.getTime())) this.patch({ day: dayKeyOf(date) });
  }

  /** The range changes when both ends are set and in order (the picker clears the end while a new start is chosen). */
  protected pickFrom(date: Date | null): void {
    if (!date || isNaN(date.getTime())) return;
    const from = dayKeyOf(date);
    if (from <= this.filter().to) this.patch({ from });
    else this.patch({ from, to: from });
  }

  protected pickTo(date: Date | null): void {
    if (!date || isNaN(date.getTime())) return;
    const to = dayKeyOf(date);
    if (to >= this.filter().from) this.patch({ to });
  }
}

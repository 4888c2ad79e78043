import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import type { ApiError, StampBatch, StampRangeResult } from '@nss/contracts';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent } from '@nss/web-ui';
import { formatCount, printRuns } from './stamp-files';
import { StampsApi } from './stamps.api';

type Action = 'active' | 'void';
type Field = 'fromSeq' | 'toSeq' | 'printRun' | 'reason';

/** What the form checks before sending (the API checks the same and names the field). */
export function rangeProblems(
  batch: Pick<StampBatch, 'quantity'>,
  form: { action: Action; fromSeq: string; toSeq: string; printRun: string; reason: string },
): Partial<Record<Field, string>> {
  const last = batch.quantity - 1;
  const problems: Partial<Record<Field, string>> = {};
  const seq = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : NaN);
  const from = seq(form.fromSeq);
  const to = seq(form.toSeq);
  if (!Number.isInteger(from) || from > last) problems.fromSeq = 'stamp.range.seqInvalid';
  if (!Number.isInteger(to) || to > last) problems.toSeq = 'stamp.range.seqInvalid';
  else if (Number.isInteger(from) && to < from) problems.toSeq = 'stamp.range.toBeforeFrom';
  if (form.action === 'active' && form.printRun.trim().length > 60) problems.printRun = 'stamp.range.printRunLong';
  const reason = form.reason.trim().length;
  if (form.action === 'void' && (reason < 3 || reason > 300)) problems.reason = 'stamp.range.reasonRequired';
  return problems;
}

/**
 * Activates or voids a seq range of a ready batch (seller side and staff): the range by hand or a print run (a PDF
 * part), a print run label for an activation, a reason for a void, which is confirmed first (it cannot be undone).
 * Emits the API's answer: `changed` at once for a small range, `pending` when the worker applies a large one.
 */
@Component({
  selector: 'nss-stamp-range-form',
  imports: [TranslatePipe, ErrorBoxComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="range" (submit)="$event.preventDefault(); submit()" data-testid="stamp-range-form" novalidate>
      <fieldset>
        <legend>{{ 'stamp.range.title' | t }}</legend>
        <div class="row">
          <label><input type="radio" name="action-{{ batch().id }}" value="active" data-testid="stamp-range-activate" [checked]="action() === 'active'" (change)="action.set('active')" />
            {{ 'stamp.range.activate' | t }}</label>
          <label><input type="radio" name="action-{{ batch().id }}" value="void" data-testid="stamp-range-void" [checked]="action() === 'void'" (change)="action.set('void')" />
            {{ 'stamp.range.void' | t }}</label>
        </div>
        @if (runs().length) {
          <div class="field">
            <label [for]="'run-' + batch().id">{{ 'stamp.range.byRun' | t }}</label>
            <select [id]="'run-' + batch().id" data-testid="stamp-range-run" (change)="pickRun(value($event))">
              <option value="">{{ 'stamp.range.byHand' | t }}</option>
              @for (r of runs(); track r.part) {
                <option [value]="r.part">{{ 'stamp.range.run' | t: { part: r.part, from: count(r.fromSeq), to: count(r.toSeq) } }}</option>
              }
            </select>
          </div>
        }
        <div class="row">
          <div class="field">
            <label [for]="'from-' + batch().id">{{ 'stamp.range.from' | t }}</label>
            <input [id]="'from-' + batch().id" type="number" inputmode="numeric" min="0" [max]="batch().quantity - 1" step="1" data-testid="stamp-range-from"
              [value]="fromSeq()" (input)="fromSeq.set(value($event))" [attr.aria-invalid]="!!problem('fromSeq')" />
            @if (problem('fromSeq'); as p) { <p class="error small" role="alert" data-testid="stamp-range-from-error">{{ p | t: { last: count(batch().quantity - 1) } }}</p> }
          </div>
          <div class="field">
            <label [for]="'to-' + batch().id">{{ 'stamp.range.to' | t }}</label>
            <input [id]="'to-' + batch().id" type="number" inputmode="numeric" min="0" [max]="batch().quantity - 1" step="1" data-testid="stamp-range-to"
              [value]="toSeq()" (input)="toSeq.set(value($event))" [attr.aria-invalid]="!!problem('toSeq')" />
            @if (problem('toSeq'); as p) { <p class="error small" role="alert" data-testid="stamp-range-to-error">{{ p | t: { last: count(batch().quantity - 1) } }}</p> }
          </div>
        </div>
        <p class="muted small">{{ 'stamp.range.hint' | t: { last: count(batch().quantity - 1) } }}</p>
        @if (action() === 'active') {
          <div class="field">
            <label [for]="'label-' + batch().id">{{ 'stamp.range.printRun' | t }}</label>
            <input [id]="'label-' + batch().id" maxlength="60" data-testid="stamp-range-print-run" [value]="printRun()" (input)="printRun.set(value($event))" />
            @if (problem('printRun'); as p) { <p class="error small" role="alert">{{ p | t }}</p> }
          </div>
        } @else {
          <div class="field">
            <label [for]="'reason-' + batch().id">{{ 'stamp.range.reason' | t }}</label>
            <textarea [id]="'reason-' + batch().id" rows="2" maxlength="300" data-testid="stamp-range-reason" [value]="reason()" (input)="reason.set(value($event))"></textarea>
            @if (problem('reason'); as p) { <p class="error small" role="alert" data-testid="stamp-range-reason-error">{{ p | t }}</p> }
          </div>
        }
        <button type="submit" class="btn" [class.primary]="action() === 'active'" [class.danger]="action() === 'void'" data-testid="stamp-range-submit" [disabled]="busy() || disabled()">
          {{ (action() === 'active' ? 'stamp.range.submitActivate' : 'stamp.range.submitVoid') | t }}</button>
      </fieldset>
    </form>
    @if (confirming(); as c) {
      <div class="confirm" role="alertdialog" aria-modal="true" [attr.aria-labelledby]="'confirm-' + batch().id" data-testid="stamp-void-confirm">
        <p [id]="'confirm-' + batch().id"><strong>{{ 'stamp.range.confirmTitle' | t: { n: count(c.toSeq - c.fromSeq + 1), from: count(c.fromSeq), to: count(c.toSeq), code: batch().code } }}</strong></p>
        <p class="small">{{ 'stamp.range.confirmText' | t: { reason: c.reason } }}</p>
        <div class="row">
          <button type="button" class="btn danger" data-testid="stamp-void-confirm-yes" [disabled]="busy()" (click)="send()">{{ 'stamp.range.confirmYes' | t }}</button>
          <button type="button" class="btn" data-testid="stamp-void-confirm-no" [disabled]="busy()" (click)="confirming.set(null)">{{ 'stamp.range.confirmNo' | t }}</button>
        </div>
      </div>
    }
    <nss-error-box [error]="error()" />
  `,
  styles: `
    fieldset { border: 1px solid #e0e0e0; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
    .row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; }
    .field { display: flex; flex-direction: column; gap: 2px; margin: 4px 0; }
    input[type='number'] { width: 9rem; }
    textarea { width: 100%; }
    .confirm { border: 2px solid #9b1c1c; border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: #fff5f5; }
    .error { color: #9b1c1c; }
  `,
})
export class StampRangeFormComponent {
  private readonly api = inject(StampsApi);
  private readonly i18n = inject(I18n);

  readonly batch = input.required<StampBatch>();
  /** While the page has a change of this batch under way. */
  readonly disabled = input(false);
  /** The API's answer to a change sent. */
  readonly changed = output<StampRangeResult>();

  protected readonly action = signal<Action>('active');
  protected readonly fromSeq = signal('');
  protected readonly toSeq = signal('');
  protected readonly printRun = signal('');
  protected readonly reason = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly tried = signal(false);
  protected readonly confirming = signal<{ fromSeq: number; toSeq: number; reason: string } | null>(null);
  protected readonly runs = computed(() => printRuns(this.batch()));
  private readonly problems = computed(() =>
    rangeProblems(this.batch(), { action: this.action(), fromSeq: this.fromSeq(), toSeq: this.toSeq(), printRun: this.printRun(), reason: this.reason() }),
  );

  protected problem(field: Field): string | null {
    return this.tried() ? (this.problems()[field] ?? null) : null;
  }

  protected pickRun(part: string): void {
    const run = this.runs().find((r) => String(r.part) === part);
    if (!run) return;
    this.fromSeq.set(String(run.fromSeq));
    this.toSeq.set(String(run.toSeq));
    if (!this.printRun()) this.printRun.set(this.i18n.t('stamp.range.runLabel', { part: run.part }));
  }

  protected submit(): void {
    this.tried.set(true);
    if (Object.keys(this.problems()).length) return;
    const range = { fromSeq: Number(this.fromSeq()), toSeq: Number(this.toSeq()) };
    if (this.action() === 'void') {
      this.confirming.set({ ...range, reason: this.reason().trim() });
      return;
    }
    const printRun = this.printRun().trim();
    this.call(this.api.activate(this.batch().id, { ...range, ...(printRun ? { printRun } : {}) }));
  }

  /** The void, confirmed. */
  protected send(): void {
    const c = this.confirming();
    if (c) this.call(this.api.void({ batchId: this.batch().id, fromSeq: c.fromSeq, toSeq: c.toSeq, reason: c.reason }));
  }

  private call(request: ReturnType<StampsApi['activate']>): void {
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: (result) => {
        this.busy.set(false);
        this.confirming.set(null);
        this.tried.set(false);
        this.fromSeq.set('');
        this.toSeq.set('');
        this.reason.set('');
        this.changed.emit(result);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.confirming.set(null);
        this.error.set(toApiError(err));
      },
    });
  }

  protected count(n: number): string {
    return formatCount(n, this.i18n.lang());
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}

import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { PendingStampChange, StampRangeResult } from '@nss/contracts';
import { I18n, TranslatePipe } from '@nss/web-data-access';
import { formatCount } from './stamp-files';

/** The notice after a range change: what changed at once, or that the worker is applying it. */
export function rangeNotice(i18n: I18n, result: StampRangeResult, count: (n: number) => string): string {
  const n = count(result.toSeq - result.fromSeq + 1);
  if (result.pending) return i18n.t(result.status === 'void' ? 'stamp.range.voidPending' : 'stamp.range.activatePending', { n });
  return i18n.t(result.status === 'void' ? 'stamp.range.voidedNow' : 'stamp.batch.activatedNow', { n: count(result.changed ?? 0) });
}

/** A range activation or voiding the worker is applying: what, and how far (the page polls the batch meanwhile). */
@Component({
  selector: 'nss-stamp-pending-change',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="pending" data-testid="stamp-pending-change" [attr.data-percent]="change().progress.percent" role="status">
      <p class="small">
        {{ (change().status === 'void' ? 'stamp.pending.void' : 'stamp.pending.activate') | t: { from: count(change().fromSeq), to: count(change().toSeq) } }}
      </p>
      <progress max="100" [value]="change().progress.percent" data-testid="stamp-pending-bar" [attr.aria-label]="'stamp.pending.label' | t"></progress>
      <p class="small" data-testid="stamp-pending-progress">
        {{ 'stamp.pending.progress' | t: { done: count(change().progress.done), total: count(change().progress.total), percent: change().progress.percent } }}
      </p>
    </div>
  `,
  styles: `
    .pending { border-left: 3px solid #b7791f; padding-left: 8px; margin: 6px 0; }
    progress { width: 100%; height: 12px; }
  `,
})
export class PendingChangeComponent {
  private readonly i18n = inject(I18n);
  readonly change = input.required<PendingStampChange>();

  protected count(n: number): string {
    return formatCount(n, this.i18n.lang());
  }
}

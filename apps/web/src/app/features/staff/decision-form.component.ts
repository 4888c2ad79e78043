import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { ApiError, TranslatePipe } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent } from '@nss/web-ui';

export type Decision = { decision: 'approve' } | { decision: 'reject'; reason: string };

/**
 * Approve, or reject with a required reason. Test ids: `approve-<kind>-<id>`, `reject-<kind>-<id>`,
 * `reject-reason-<kind>-<id>`, `confirm-reject-<kind>-<id>`.
 */
@Component({
  selector: 'nss-decision-form',
  imports: [TranslatePipe, ErrorBoxComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-error-box [error]="error()" [shownPaths]="['reason']" />
    @if (!rejecting()) {
      <div class="actions">
        <button type="button" class="btn btn-primary" [attr.data-testid]="'approve-' + key()" [disabled]="busy()"
          (click)="decided.emit({ decision: 'approve' })">✓ {{ 'common.approve' | t }}</button>
        <button type="button" class="btn btn-danger" [attr.data-testid]="'reject-' + key()" [disabled]="busy()"
          (click)="rejecting.set(true)">✕ {{ 'common.reject' | t }}</button>
      </div>
    } @else {
      <form class="reject" novalidate (submit)="confirm($event)">
        <div class="field">
          <label [for]="'reason-' + key()">{{ 'staff.rejectReason' | t }}</label>
          <textarea [id]="'reason-' + key()" rows="3" maxlength="500" #r [attr.data-testid]="'reject-reason-' + key()"
            [attr.aria-describedby]="'reason-error-' + key()" [value]="reason()" (input)="reason.set(r.value)"></textarea>
          <nss-field-error [id]="'reason-error-' + key()" path="reason" [error]="error()"
            [message]="tried() && !trimmed() ? ('staff.reasonRequired' | t) : null" />
        </div>
        <div class="actions">
          <button type="submit" class="btn btn-danger" [attr.data-testid]="'confirm-reject-' + key()" [disabled]="busy()">
            {{ 'staff.confirmReject' | t }}</button>
          <button type="button" class="btn" (click)="cancel()">{{ 'common.cancel' | t }}</button>
        </div>
      </form>
    }
  `,
  styles: `
    .actions { display: flex; flex-wrap: wrap; gap: 8px; }
    .actions .btn { flex: 1 1 120px; }
    .reject { display: grid; gap: 8px; }
  `,
})
export class DecisionFormComponent {
  readonly kind = input.required<'seller' | 'product'>();
  readonly itemId = input.required<string>();
  readonly busy = input(false);
  readonly error = input<ApiError | null>(null);
  readonly decided = output<Decision>();

  protected readonly key = computed(() => `${this.kind()}-${this.itemId()}`);
  protected readonly rejecting = signal(false);
  protected readonly reason = signal('');
  protected readonly tried = signal(false);
  protected readonly trimmed = computed(() => this.reason().trim());

  protected confirm(event: Event): void {
    event.preventDefault();
    this.tried.set(true);
    if (!this.trimmed()) return;
    this.decided.emit({ decision: 'reject', reason: this.trimmed() });
  }

  protected cancel(): void {
    this.rejecting.set(false);
    this.tried.set(false);
  }
}

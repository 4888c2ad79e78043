import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { normalizeVnMobile } from '@nss/util-vn';
import { AuthSession, I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { MIN_PASSWORD_LENGTH } from '../../../seller/forms/registration';
import { AgentApi } from '../../data/agent.api';

const SHOWN_PATHS: readonly string[] = ['phone', 'code', 'newPassword'];

/** `/handover` (public): the household claims the account an agent made, sets a password, and is signed in. */
@Component({
  selector: 'nss-handover-claim-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, FieldErrorComponent],
  styleUrl: '../../../seller/ui/form.css',
  template: `
    <nss-page-header [title]="'agent.claim.title' | t" [subtitle]="'agent.claim.intro' | t" />
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <nss-error-box [error]="error()" [shownPaths]="shownPaths" />
      <div class="field">
        <label for="claim-phone">{{ 'agent.claim.phone' | t }}</label>
        <input id="claim-phone" formControlName="phone" data-testid="claim-phone" type="tel" inputmode="tel"
          autocomplete="tel-national" aria-describedby="claim-phone-error" [attr.aria-invalid]="invalid('phone')" />
        <nss-field-error id="claim-phone-error" path="phone" [error]="error()" [message]="problem('phone')" />
      </div>
      <div class="field">
        <label for="claim-code">{{ 'agent.claim.code' | t }}</label>
        <input id="claim-code" formControlName="code" data-testid="claim-code" inputmode="numeric" maxlength="6"
          autocomplete="one-time-code" aria-describedby="claim-code-error" [attr.aria-invalid]="invalid('code')" />
        <nss-field-error id="claim-code-error" path="code" [error]="error()" [message]="problem('code')" />
      </div>
      <div class="field">
        <label for="claim-password">{{ 'agent.claim.password' | t }}</label>
        <input id="claim-password" formControlName="newPassword" data-testid="claim-password" type="password"
          autocomplete="new-password" aria-describedby="claim-password-error" [attr.aria-invalid]="invalid('newPassword')" />
        <nss-field-error id="claim-password-error" path="newPassword" [error]="error()" [message]="problem('newPassword')" />
      </div>
      <button type="submit" class="btn primary" data-testid="claim-submit" [disabled]="busy()">
        {{ (busy() ? 'seller.register.submitting' : 'agent.claim.submit') | t }}
      </button>
    </form>
  `,
})
export class HandoverClaimPage {
  private readonly api = inject(AgentApi);
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly form = this.fb.group({ phone: '', code: '', newPassword: '' });
  protected readonly shownPaths = SHOWN_PATHS;
  protected readonly error = signal<ApiError | null>(null);
  protected readonly problems = signal<Record<string, string>>({});
  protected readonly busy = signal(false);

  protected problem(path: string): string | null {
    const key = this.problems()[path];
    return key ? this.i18n.t(key) : null;
  }

  protected invalid(path: string): boolean {
    return !!this.problems()[path] || !!this.error()?.issues?.some((i) => i.path === path);
  }

  protected submit(): void {
    if (this.busy()) return;
    const { phone, code, newPassword } = this.form.getRawValue();
    const problems: Record<string, string> = {};
    if (!normalizeVnMobile(phone)) problems['phone'] = phone.trim() ? 'seller.register.problem.phone' : 'seller.common.required';
    if (!/^\d{6}$/.test(code.trim())) problems['code'] = 'agent.claim.codeProblem';
    if (newPassword.length < MIN_PASSWORD_LENGTH) problems['newPassword'] = 'seller.register.problem.passwordShort';
    this.problems.set(problems);
    this.error.set(null);
    if (Object.keys(problems).length) return;
    this.busy.set(true);
    this.api.claim({ phone: normalizeVnMobile(phone) ?? phone, code: code.trim(), newPassword }).subscribe({
      next: (tokens) => {
        this.session.start(tokens);
        void this.router.navigateByUrl('/seller');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}

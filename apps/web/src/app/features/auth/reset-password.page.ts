import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { normalizeVnMobile } from '@nss/util-vn';
import { ApiClient, TranslatePipe } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { FormSubmission, validCode, validPassword, validPhone } from './auth-form';

type Step = 'request' | 'confirm' | 'done';

/** Password reset in two steps: ask for a code (`/auth/password-reset/request`), then code + new password. */
@Component({
  selector: 'nss-reset-password-page',
  imports: [RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'auth.reset.title' | t" />
    @switch (step()) {
      @case ('request') {
        <form class="form card" novalidate (submit)="request($event)">
          <p>{{ 'auth.reset.requestIntro' | t }}</p>
          <nss-error-box [error]="form.error()" [shownPaths]="['phone']" />
          <div class="field">
            <label for="reset-phone">{{ 'auth.field.phone' | t }}</label>
            <input id="reset-phone" #p type="tel" inputmode="tel" autocomplete="tel" data-testid="reset-phone"
              aria-describedby="reset-phone-error" [value]="phone()" (input)="phone.set(p.value)" />
            <nss-field-error id="reset-phone-error" path="phone" [error]="form.error()"
              [message]="form.tried() && !phoneOk() ? ('auth.err.phone' | t) : null" />
          </div>
          <button class="btn btn-primary btn-block" type="submit" data-testid="reset-request-submit" [disabled]="form.busy()">
            {{ 'auth.reset.requestSubmit' | t }}
          </button>
        </form>
      }
      @case ('confirm') {
        <form class="form card" novalidate (submit)="confirm($event)">
          <p class="notice" role="status" data-testid="reset-sent">{{ 'auth.reset.sent' | t: { phone: normalized() } }}</p>
          <nss-error-box [error]="form.error()" [shownPaths]="['code', 'newPassword']" />
          <div class="field">
            <label for="reset-code">{{ 'auth.field.code' | t }}</label>
            <input id="reset-code" #c inputmode="numeric" autocomplete="one-time-code" maxlength="6"
              data-testid="reset-code" aria-describedby="reset-code-error" [value]="code()" (input)="code.set(c.value)" />
            <nss-field-error id="reset-code-error" path="code" [error]="form.error()"
              [message]="form.tried() && !codeOk() ? ('auth.err.code' | t) : null" />
          </div>
          <div class="field">
            <label for="reset-new-password">{{ 'auth.field.newPassword' | t }}</label>
            <input id="reset-new-password" #pw type="password" autocomplete="new-password"
              data-testid="reset-new-password" aria-describedby="reset-new-password-error" [value]="password()"
              (input)="password.set(pw.value)" />
            <nss-field-error id="reset-new-password-error" path="newPassword" [error]="form.error()"
              [message]="form.tried() && !passwordOk() ? ('auth.err.password' | t) : null" />
          </div>
          <button class="btn btn-primary btn-block" type="submit" data-testid="reset-confirm-submit" [disabled]="form.busy()">
            {{ 'auth.reset.confirmSubmit' | t }}
          </button>
          <button class="btn" type="button" (click)="restart()">{{ 'auth.reset.resend' | t }}</button>
        </form>
      }
      @case ('done') {
        <p class="notice" role="status" data-testid="reset-done">{{ 'auth.reset.done' | t }}</p>
        <a class="btn btn-primary" routerLink="/auth/login" [queryParams]="{ phone: normalized() }">{{ 'shell.login' | t }}</a>
      }
    }
  `,
})
export class ResetPasswordPage {
  private readonly api = inject(ApiClient);

  protected readonly form = new FormSubmission();
  protected readonly step = signal<Step>('request');
  protected readonly phone = signal('');
  protected readonly code = signal('');
  protected readonly password = signal('');
  protected readonly normalized = computed(() => normalizeVnMobile(this.phone()) ?? this.phone());
  protected readonly phoneOk = computed(() => validPhone(this.phone()));
  protected readonly codeOk = computed(() => validCode(this.code()));
  protected readonly passwordOk = computed(() => validPassword(this.password()));

  protected request(event: Event): void {
    event.preventDefault();
    this.form.tried.set(true);
    if (!this.phoneOk() || this.form.busy()) return;
    this.form.run(this.api.post<void>('/auth/password-reset/request', { phone: this.normalized() }), () => {
      this.form.tried.set(false);
      this.step.set('confirm');
    });
  }

  protected confirm(event: Event): void {
    event.preventDefault();
    this.form.tried.set(true);
    if (!this.codeOk() || !this.passwordOk() || this.form.busy()) return;
    const body = { phone: this.normalized(), code: this.code().trim(), newPassword: this.password() };
    this.form.run(this.api.post<void>('/auth/password-reset/confirm', body), () => this.step.set('done'));
  }

  protected restart(): void {
    this.form.error.set(null);
    this.form.tried.set(false);
    this.code.set('');
    this.step.set('request');
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { normalizeVnMobile } from '@nss/util-vn';
import { AuthSession, type Me, type TotpChallenge, TranslatePipe, homeForRole } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { FormSubmission, validCode, validPhone } from './auth-form';

/**
 * Phone + password; then, for staff and admins with TOTP, the 6-digit code of their authenticator app. A 429 (too
 * many failed sign-ins from this device: wait and try again) shows the API's message in the error box. Staff who
 * must enrol TOTP and have not are sent to the enrolment page.
 */
@Component({
  selector: 'nss-login-page',
  imports: [RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'auth.login.title' | t" />
    @if (returnUrl()) {
      <p class="muted">{{ 'auth.login.needed' | t }}</p>
    }
    @if (challenge()) {
      <form class="form card" novalidate (submit)="submitCode($event)" data-testid="login-totp-form">
        <nss-error-box [error]="form.error()" [shownPaths]="['code']" />
        <p>{{ 'auth.totp.askCode' | t }}</p>
        <div class="field">
          <label for="login-totp-code">{{ 'auth.totp.code' | t }}</label>
          <input id="login-totp-code" #c type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
            data-testid="login-totp-code" aria-describedby="login-totp-code-error" [value]="code()" (input)="code.set(c.value)" />
          <nss-field-error id="login-totp-code-error" path="code" [error]="form.error()"
            [message]="codeTried() && !codeOk() ? ('auth.err.code' | t) : null" />
        </div>
        <button class="btn btn-primary btn-block" type="submit" data-testid="login-totp-submit" [disabled]="form.busy()">
          {{ form.busy() ? ('common.loading' | t) : ('auth.totp.verify' | t) }}
        </button>
        <p><button class="btn" type="button" (click)="restart()">{{ 'auth.totp.restart' | t }}</button></p>
      </form>
    } @else {
    <form class="form card" novalidate (submit)="submit($event)">
      <nss-error-box [error]="form.error()" [shownPaths]="['phone', 'password']" />
      <div class="field">
        <label for="login-phone">{{ 'auth.field.phone' | t }}</label>
        <input id="login-phone" #p type="tel" inputmode="tel" autocomplete="tel" data-testid="login-phone"
          aria-describedby="login-phone-error" [value]="phone()" (input)="phone.set(p.value)" />
        <nss-field-error id="login-phone-error" path="phone" [error]="form.error()"
          [message]="form.tried() && !phoneOk() ? ('auth.err.phone' | t) : null" />
      </div>
      <div class="field">
        <label for="login-password">{{ 'auth.field.password' | t }}</label>
        <input id="login-password" #pw [type]="show() ? 'text' : 'password'" autocomplete="current-password"
          data-testid="login-password" aria-describedby="login-password-error" [value]="password()"
          (input)="password.set(pw.value)" />
        <nss-field-error id="login-password-error" path="password" [error]="form.error()"
          [message]="form.tried() && !password() ? ('common.required' | t) : null" />
        <label class="check"><input type="checkbox" [checked]="show()" (change)="show.set(!show())" />
          {{ 'auth.showPassword' | t }}</label>
      </div>
      <button class="btn btn-primary btn-block" type="submit" data-testid="login-submit" [disabled]="form.busy()">
        {{ form.busy() ? ('common.loading' | t) : ('auth.login.submit' | t) }}
      </button>
      <p>
        <a routerLink="/auth/reset" data-testid="login-forgot">{{ 'auth.login.forgot' | t }}</a>
      </p>
      <p>
        {{ 'auth.login.noAccount' | t }}
        <a routerLink="/auth/register" data-testid="login-register">{{ 'shell.register' | t }}</a>
      </p>
    </form>
    }
  `,
})
export class LoginPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  /** From the query string (`withComponentInputBinding`). */
  readonly returnUrl = input<string | undefined>(undefined);
  // The `?phone=` query parameter (router input binding); `phone` itself is the editable field's signal.
  // eslint-disable-next-line @angular-eslint/no-input-rename
  readonly prefill = input<string | undefined>(undefined, { alias: 'phone' });

  protected readonly form = new FormSubmission();
  protected readonly phone = linkedSignal(() => this.prefill() ?? '');
  protected readonly password = signal('');
  protected readonly show = signal(false);
  protected readonly phoneOk = computed(() => validPhone(this.phone()));

  protected readonly challenge = signal<TotpChallenge | null>(null);
  protected readonly code = signal('');
  protected readonly codeTried = signal(false);
  protected readonly codeOk = computed(() => validCode(this.code()));

  protected submit(event: Event): void {
    event.preventDefault();
    this.form.tried.set(true);
    if (!this.phoneOk() || !this.password() || this.form.busy()) return;
    const phone = normalizeVnMobile(this.phone()) ?? this.phone();
    this.form.run(this.session.login(phone, this.password()), (step) => {
      if (step.kind === 'totp') {
        this.password.set('');
        this.challenge.set(step.challenge);
      } else {
        this.signedIn(step.user);
      }
    });
  }

  protected submitCode(event: Event): void {
    event.preventDefault();
    this.codeTried.set(true);
    const challenge = this.challenge();
    if (!challenge || !this.codeOk() || this.form.busy()) return;
    this.form.run(this.session.completeTotp(challenge.challengeToken, this.code().trim()), (user) => this.signedIn(user));
  }

  /** Back to the password (the challenge expired or ran out of tries). */
  protected restart(): void {
    this.challenge.set(null);
    this.code.set('');
    this.codeTried.set(false);
    this.form.error.set(null);
  }

  private signedIn(user: Me): void {
    const target = this.returnUrl();
    const home = target && target.startsWith('/') ? target : homeForRole(user.role);
    if (user.role !== 'province_staff' && user.role !== 'admin') {
      void this.router.navigateByUrl(home);
      return;
    }
    // Staff who must enrol TOTP can do nothing else: take them to the enrolment page first.
    this.session.totpStatus().subscribe({
      next: (status) => void this.router.navigateByUrl(status.required && !status.enabled ? '/auth/totp' : home),
      error: () => void this.router.navigateByUrl(home),
    });
  }
}

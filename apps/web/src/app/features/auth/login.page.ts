import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { normalizeVnMobile } from '@nss/util-vn';
import { AuthSession, TranslatePipe, homeForRole } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { FormSubmission, validPhone } from './auth-form';

/** Phone + password. A 423 (5 failed attempts → locked 15 min) or 429 shows the API's message in the error box. */
@Component({
  selector: 'nss-login-page',
  imports: [RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'auth.login.title' | t" />
    @if (returnUrl()) {
      <p class="muted">{{ 'auth.login.needed' | t }}</p>
    }
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

  protected submit(event: Event): void {
    event.preventDefault();
    this.form.tried.set(true);
    if (!this.phoneOk() || !this.password() || this.form.busy()) return;
    const phone = normalizeVnMobile(this.phone()) ?? this.phone();
    this.form.run(this.session.login(phone, this.password()), (user) => {
      const target = this.returnUrl();
      void this.router.navigateByUrl(target && target.startsWith('/') ? target : homeForRole(user.role));
    });
  }
}

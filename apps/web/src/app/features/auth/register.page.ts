import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { normalizeVnMobile } from '@nss/util-vn';
import { AuthSession, TranslatePipe } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { FormSubmission, validPassword, validPhone } from './auth-form';

/** Buyer self-registration (`POST /auth/register`); signs the buyer in and goes to the storefront. */
@Component({
  selector: 'nss-register-page',
  imports: [RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'auth.register.title' | t" />
    <p class="muted">
      {{ 'auth.register.intro' | t }}
      <a routerLink="/seller/register" data-testid="register-seller-link">{{ 'auth.register.sellerLink' | t }}</a>
    </p>
    <form class="form card" novalidate (submit)="submit($event)">
      <nss-error-box [error]="form.error()" [shownPaths]="['fullName', 'phone', 'password']" />
      <div class="field">
        <label for="register-name">{{ 'auth.field.fullName' | t }}</label>
        <input id="register-name" #n autocomplete="name" data-testid="register-name" aria-describedby="register-name-error"
          [value]="fullName()" (input)="fullName.set(n.value)" />
        <nss-field-error id="register-name-error" path="fullName" [error]="form.error()"
          [message]="form.tried() && !fullName().trim() ? ('common.required' | t) : null" />
      </div>
      <div class="field">
        <label for="register-phone">{{ 'auth.field.phone' | t }}</label>
        <input id="register-phone" #p type="tel" inputmode="tel" autocomplete="tel" data-testid="register-phone"
          aria-describedby="register-phone-hint register-phone-error" [value]="phone()" (input)="phone.set(p.value)" />
        <span class="hint" id="register-phone-hint">{{ 'auth.field.phoneHint' | t }}</span>
        <nss-field-error id="register-phone-error" path="phone" [error]="form.error()"
          [message]="form.tried() && !phoneOk() ? ('auth.err.phone' | t) : null" />
      </div>
      <div class="field">
        <label for="register-password">{{ 'auth.field.password' | t }}</label>
        <input id="register-password" #pw type="password" autocomplete="new-password" data-testid="register-password"
          aria-describedby="register-password-hint register-password-error" [value]="password()"
          (input)="password.set(pw.value)" />
        <span class="hint" id="register-password-hint">{{ 'auth.field.passwordHint' | t }}</span>
        <nss-field-error id="register-password-error" path="password" [error]="form.error()"
          [message]="form.tried() && !passwordOk() ? ('auth.err.password' | t) : null" />
      </div>
      <button class="btn btn-primary btn-block" type="submit" data-testid="register-submit" [disabled]="form.busy()">
        {{ form.busy() ? ('common.loading' | t) : ('auth.register.submit' | t) }}
      </button>
      <p>{{ 'auth.register.haveAccount' | t }} <a routerLink="/auth/login">{{ 'shell.login' | t }}</a></p>
    </form>
  `,
})
export class RegisterPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  protected readonly form = new FormSubmission();
  protected readonly fullName = signal('');
  protected readonly phone = signal('');
  protected readonly password = signal('');
  protected readonly phoneOk = computed(() => validPhone(this.phone()));
  protected readonly passwordOk = computed(() => validPassword(this.password()));

  protected submit(event: Event): void {
    event.preventDefault();
    this.form.tried.set(true);
    if (!this.fullName().trim() || !this.phoneOk() || !this.passwordOk() || this.form.busy()) return;
    const body = {
      fullName: this.fullName().trim(),
      phone: normalizeVnMobile(this.phone()) ?? this.phone(),
      password: this.password(),
    };
    this.form.run(this.session.register(body), () => void this.router.navigateByUrl('/'));
  }
}

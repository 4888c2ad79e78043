import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { normalizeVnMobile } from '@nss/util-vn';
import { AuthSession, TranslatePipe } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { FormSubmission, validCode, validPassword, validPhone } from './auth-form';

type Step = 'phone' | 'details' | 'recovered';

/**
 * Buyer registration in two steps: the phone gets a code (`/auth/phone-verification`), then code + details
 * (`/auth/register`). A phone that already has an account is recovered instead: the page says so and signs in.
 */
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
    @switch (step()) {
      @case ('phone') {
        <form class="form card" novalidate (submit)="sendCode($event)">
          <p>{{ 'auth.register.phoneIntro' | t }}</p>
          <nss-error-box [error]="form.error()" [shownPaths]="['phone']" />
          <div class="field">
            <label for="register-phone">{{ 'auth.field.phone' | t }}</label>
            <input id="register-phone" #p type="tel" inputmode="tel" autocomplete="tel" data-testid="register-phone"
              aria-describedby="register-phone-hint register-phone-error" [value]="phone()" (input)="phone.set(p.value)" />
            <span class="hint" id="register-phone-hint">{{ 'auth.field.phoneHint' | t }}</span>
            <nss-field-error id="register-phone-error" path="phone" [error]="form.error()"
              [message]="form.tried() && !phoneOk() ? ('auth.err.phone' | t) : null" />
          </div>
          <button class="btn btn-primary btn-block" type="submit" data-testid="register-send-code" [disabled]="form.busy()">
            {{ form.busy() ? ('common.loading' | t) : ('auth.register.sendCode' | t) }}
          </button>
          <p>{{ 'auth.register.haveAccount' | t }} <a routerLink="/auth/login">{{ 'shell.login' | t }}</a></p>
        </form>
      }
      @case ('details') {
        <form class="form card" novalidate (submit)="submit($event)">
          <p class="notice" role="status" data-testid="register-code-sent">{{ 'auth.register.sent' | t: { phone: normalized() } }}</p>
          <nss-error-box [error]="form.error()" [shownPaths]="['code', 'fullName', 'password']" />
          <div class="field">
            <label for="register-code">{{ 'auth.field.code' | t }}</label>
            <input id="register-code" #c inputmode="numeric" autocomplete="one-time-code" maxlength="6"
              data-testid="register-code" aria-describedby="register-code-error" [value]="code()" (input)="code.set(c.value)" />
            <nss-field-error id="register-code-error" path="code" [error]="form.error()"
              [message]="form.tried() && !codeOk() ? ('auth.err.code' | t) : null" />
          </div>
          <div class="field">
            <label for="register-name">{{ 'auth.field.fullName' | t }}</label>
            <input id="register-name" #n autocomplete="name" data-testid="register-name" aria-describedby="register-name-error"
              [value]="fullName()" (input)="fullName.set(n.value)" />
            <nss-field-error id="register-name-error" path="fullName" [error]="form.error()"
              [message]="form.tried() && !fullName().trim() ? ('common.required' | t) : null" />
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
          <button class="btn" type="button" data-testid="register-change-phone" (click)="restart()">{{ 'auth.register.changePhone' | t }}</button>
        </form>
      }
      @case ('recovered') {
        <p class="notice" role="status" data-testid="register-recovered">{{ 'auth.register.recovered' | t }}</p>
        <button class="btn btn-primary" type="button" (click)="goOn()">{{ 'auth.register.continue' | t }}</button>
      }
    }
  `,
})
export class RegisterPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  protected readonly form = new FormSubmission();
  protected readonly step = signal<Step>('phone');
  protected readonly fullName = signal('');
  protected readonly phone = signal('');
  protected readonly code = signal('');
  protected readonly password = signal('');
  protected readonly normalized = computed(() => normalizeVnMobile(this.phone()) ?? this.phone());
  protected readonly phoneOk = computed(() => validPhone(this.phone()));
  protected readonly codeOk = computed(() => validCode(this.code()));
  protected readonly passwordOk = computed(() => validPassword(this.password()));

  protected sendCode(event: Event): void {
    event.preventDefault();
    this.form.tried.set(true);
    if (!this.phoneOk() || this.form.busy()) return;
    this.form.run(this.session.sendPhoneCode(this.normalized()), () => {
      this.form.tried.set(false);
      this.step.set('details');
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.form.tried.set(true);
    if (!this.codeOk() || !this.fullName().trim() || !this.passwordOk() || this.form.busy()) return;
    const body = { phone: this.normalized(), code: this.code().trim(), fullName: this.fullName().trim(), password: this.password() };
    this.form.run(this.session.register(body), ({ recovered }) => (recovered ? this.step.set('recovered') : this.goOn()));
  }

  protected restart(): void {
    this.form.error.set(null);
    this.form.tried.set(false);
    this.code.set('');
    this.step.set('phone');
  }

  /** Home for a buyer; a recovered seller account goes to its portal. */
  protected goOn(): void {
    void this.router.navigateByUrl(this.session.hasRole('seller') ? '/seller' : '/');
  }
}

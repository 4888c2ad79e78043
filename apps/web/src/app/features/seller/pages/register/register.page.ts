import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { normalizeVnMobile } from '@nss/util-vn';
import { AuthSession, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { RegistrationFieldsComponent } from '../../components/registration-fields.component';
import { SellerApi } from '../../data/seller.api';
import {
  REGISTRATION_FIELDS,
  checkRegistration,
  toSelfRegisterRequest,
  type RegistrationField,
  type RegistrationProblem,
} from '../../forms/registration';
import { createRegistrationForm } from '../../forms/registration-form';
import { focusFirstInvalid } from '../../ui/focus-first-invalid';

type Step = 'phone' | 'details' | 'recovered';

/**
 * `/seller/register` (public), in two steps: the household's phone gets a code (`/auth/phone-verification`), then
 * code + details (`/sellers/self-register`); signed in, it lands on its dashboard. A phone that already has an
 * account is recovered instead, and the page says so.
 */
@Component({
  selector: 'nss-seller-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, FieldErrorComponent, RegistrationFieldsComponent],
  styleUrl: '../../ui/form.css',
  template: `
    <nss-page-header [title]="'seller.register.title' | t" [subtitle]="'seller.register.intro' | t" />
    @switch (step()) {
      @case ('phone') {
        <form (submit)="sendCode($event)" novalidate>
          <p>{{ 'seller.register.phoneIntro' | t }}</p>
          <nss-error-box [error]="error()" [shownPaths]="['phone']" />
          <div class="field">
            <label for="verify-phone">{{ 'seller.register.phone' | t }}</label>
            <span class="hint" id="verify-phone-hint">{{ 'seller.register.phoneHint' | t }}</span>
            <input id="verify-phone" #p type="tel" inputmode="tel" autocomplete="tel" data-testid="verify-phone"
              aria-describedby="verify-phone-hint verify-phone-error" [attr.aria-invalid]="tried() && !phoneOk()"
              [value]="phone()" (input)="phone.set(p.value)" />
            <nss-field-error id="verify-phone-error" path="phone" [error]="error()"
              [message]="tried() && !phoneOk() ? ('seller.register.problem.phone' | t) : null" />
          </div>
          <button type="submit" class="btn primary" data-testid="verify-send-code" [disabled]="busy()">
            {{ (busy() ? 'seller.register.submitting' : 'seller.register.sendCode') | t }}
          </button>
        </form>
      }
      @case ('details') {
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <p class="notice" role="status" data-testid="verify-code-sent">{{ 'seller.register.sent' | t: { phone: normalized() } }}</p>
          <nss-error-box [error]="error()" [shownPaths]="shownPaths" />
          @if (hasProblems()) {
            <p class="hint" role="alert">{{ 'seller.common.fixErrors' | t }}</p>
          }
          <div class="field">
            <label for="verify-code">{{ 'seller.register.code' | t }}</label>
            <input id="verify-code" #c inputmode="numeric" autocomplete="one-time-code" maxlength="6" data-testid="verify-code"
              aria-describedby="verify-code-error" [attr.aria-invalid]="tried() && !codeOk()" [value]="code()"
              (input)="code.set(c.value)" />
            <nss-field-error id="verify-code-error" path="code" [error]="error()"
              [message]="tried() && !codeOk() ? ('seller.register.problem.code' | t) : null" />
          </div>
          <nss-seller-registration-fields [form]="form" [error]="error()" [problems]="problems()" [withPassword]="true" />
          <button type="submit" class="btn primary" data-testid="register-submit" [disabled]="busy()">
            {{ (busy() ? 'seller.register.submitting' : 'seller.register.submit') | t }}
          </button>
          <p><button type="button" class="btn" data-testid="verify-change-phone" (click)="restart()">{{ 'seller.register.changePhone' | t }}</button></p>
        </form>
      }
      @case ('recovered') {
        <p class="notice" role="status" data-testid="register-recovered">{{ 'seller.register.recovered' | t }}</p>
        <button type="button" class="btn primary" (click)="goOn()">{{ 'seller.register.continue' | t }}</button>
      }
    }
    <p><a routerLink="/auth/login">{{ 'seller.register.haveAccount' | t }}</a></p>
  `,
})
export class SellerRegisterPage {
  private readonly api = inject(SellerApi);
  private readonly host = inject(ElementRef);
  private readonly injector = inject(Injector);
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  protected readonly form = createRegistrationForm(inject(NonNullableFormBuilder));
  protected readonly shownPaths: readonly string[] = ['code', ...REGISTRATION_FIELDS];
  protected readonly step = signal<Step>('phone');
  protected readonly phone = signal('');
  protected readonly code = signal('');
  protected readonly tried = signal(false);
  protected readonly normalized = computed(() => normalizeVnMobile(this.phone()) ?? this.phone().trim());
  protected readonly phoneOk = computed(() => normalizeVnMobile(this.phone()) !== null);
  protected readonly codeOk = computed(() => /^\d{6}$/.test(this.code().trim()));
  protected readonly error = signal<ApiError | null>(null);
  protected readonly problems = signal<Partial<Record<RegistrationField, RegistrationProblem>>>({});
  protected readonly hasProblems = signal(false);
  protected readonly busy = signal(false);

  protected sendCode(event: Event): void {
    event.preventDefault();
    this.tried.set(true);
    if (!this.phoneOk() || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.session.sendPhoneCode(this.normalized()).subscribe({
      next: () => {
        this.busy.set(false);
        this.tried.set(false);
        // The code proves this number: the form keeps it and it cannot be edited without a new code.
        this.form.controls.phone.setValue(this.normalized());
        this.form.controls.phone.disable();
        this.step.set('details');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected submit(): void {
    if (this.busy()) return;
    this.tried.set(true);
    const value = this.form.getRawValue();
    const problems = checkRegistration(value, { requirePassword: true });
    this.problems.set(problems);
    this.hasProblems.set(Object.keys(problems).length > 0 || !this.codeOk());
    this.error.set(null);
    if (this.hasProblems()) return focusFirstInvalid(this.host, this.injector);
    this.busy.set(true);
    this.api.selfRegister(toSelfRegisterRequest(value, this.code())).subscribe({
      next: ({ tokens, recovered }) => {
        this.session.start(tokens);
        if (recovered) {
          this.busy.set(false);
          this.step.set('recovered');
        } else {
          this.goOn();
        }
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
        focusFirstInvalid(this.host, this.injector);
      },
    });
  }

  protected restart(): void {
    this.error.set(null);
    this.tried.set(false);
    this.code.set('');
    this.form.controls.phone.enable();
    this.step.set('phone');
  }

  /** A seller to its dashboard; a recovered buyer account to the storefront. */
  protected goOn(): void {
    void this.router.navigateByUrl(this.session.hasRole('seller') ? '/seller' : '/');
  }
}

import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { AuthSession, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent } from '@nss/web-ui';
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

/** `/seller/register` (public): a household registers itself, is signed in, and lands on its dashboard. */
@Component({
  selector: 'nss-seller-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, RegistrationFieldsComponent],
  styleUrl: '../../ui/form.css',
  template: `
    <nss-page-header [title]="'seller.register.title' | t" [subtitle]="'seller.register.intro' | t" />
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <nss-error-box [error]="error()" [shownPaths]="fields" />
      @if (hasProblems()) {
        <p class="hint" role="alert">{{ 'seller.common.fixErrors' | t }}</p>
      }
      <nss-seller-registration-fields [form]="form" [error]="error()" [problems]="problems()" [withPassword]="true" />
      <button type="submit" class="btn primary" data-testid="register-submit" [disabled]="busy()">
        {{ (busy() ? 'seller.register.submitting' : 'seller.register.submit') | t }}
      </button>
    </form>
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
  protected readonly fields: readonly string[] = REGISTRATION_FIELDS;
  protected readonly error = signal<ApiError | null>(null);
  protected readonly problems = signal<Partial<Record<RegistrationField, RegistrationProblem>>>({});
  protected readonly hasProblems = signal(false);
  protected readonly busy = signal(false);

  protected submit(): void {
    if (this.busy()) return;
    const value = this.form.getRawValue();
    const problems = checkRegistration(value, { requirePassword: true });
    this.problems.set(problems);
    this.hasProblems.set(Object.keys(problems).length > 0);
    this.error.set(null);
    if (this.hasProblems()) return focusFirstInvalid(this.host, this.injector);
    this.busy.set(true);
    this.api.selfRegister(toSelfRegisterRequest(value)).subscribe({
      next: ({ tokens }) => {
        this.session.start(tokens);
        void this.router.navigateByUrl('/seller');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
        focusFirstInvalid(this.host, this.injector);
      },
    });
  }
}

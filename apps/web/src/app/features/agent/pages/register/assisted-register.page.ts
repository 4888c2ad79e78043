import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { AuthSession, I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { RegistrationFieldsComponent } from '../../../seller/components/registration-fields.component';
import {
  REGISTRATION_FIELDS,
  checkRegistration,
  type RegistrationField,
  type RegistrationProblem,
} from '../../../seller/forms/registration';
import { createRegistrationForm } from '../../../seller/forms/registration-form';
import { AgentApi } from '../../data/agent.api';
import { checkConsent, toAgentRegisterRequest, type ConsentMethod } from '../../forms/assisted-registration';
import { focusFirstInvalid } from '../../../seller/ui/focus-first-invalid';

const SHOWN_PATHS: readonly string[] = [...REGISTRATION_FIELDS, 'consent', 'consent.given', 'consent.method'];

/**
 * `/agent/register`: the agent registers a household (no password) with the household's consent. The answer is a
 * receipt, the same whether the household was new or already registered (a duplicate goes to the province's staff).
 */
@Component({
  selector: 'nss-assisted-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, FieldErrorComponent, RegistrationFieldsComponent],
  styleUrl: '../../../seller/ui/form.css',
  templateUrl: './assisted-register.page.html',
})
export class AssistedRegisterPage {
  private readonly api = inject(AgentApi);
  private readonly host = inject(ElementRef);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Agents register households of their own province. */
  protected readonly provinceCode = inject(AuthSession).user()?.provinceCode ?? null;
  protected form = createRegistrationForm(this.fb);
  protected readonly consent = this.fb.group({
    given: this.fb.control(false),
    // Most households agree verbally at the door; the agent changes it when a form was signed.
    method: this.fb.control<ConsentMethod | ''>('verbal'),
  });
  protected readonly shownPaths = SHOWN_PATHS;
  protected readonly error = signal<ApiError | null>(null);
  protected readonly problems = signal<Partial<Record<RegistrationField, RegistrationProblem>>>({});
  protected readonly consentProblems = signal<Partial<Record<string, 'required'>>>({});
  protected readonly busy = signal(false);
  /** The display name of the household whose registration was received (the answer says nothing more). */
  protected readonly received = signal<string | null>(null);
  protected readonly hasProblems = computed(
    () => Object.keys(this.problems()).length + Object.keys(this.consentProblems()).length > 0,
  );
  /** Recreated after each success so the fields component starts afresh. */
  protected readonly round = signal(0);

  protected consentText(path: 'consent.given' | 'consent.method'): string | null {
    return this.consentProblems()[path] ? this.i18n.t(path === 'consent.given' ? 'agent.consent.required' : 'seller.common.required') : null;
  }

  protected consentInvalid(): boolean {
    return !!this.consentProblems()['consent.given'] || !!this.error()?.issues?.some((i) => i.path.startsWith('consent'));
  }

  protected submit(): void {
    if (this.busy()) return;
    const value = this.form.getRawValue();
    const consent = this.consent.getRawValue();
    this.problems.set(checkRegistration(value, { requirePassword: false }));
    this.consentProblems.set(checkConsent(consent));
    this.error.set(null);
    if (this.hasProblems()) return focusFirstInvalid(this.host, this.injector);
    this.busy.set(true);
    this.api.registerSeller(toAgentRegisterRequest(value, consent, new Date())).subscribe({
      next: () => {
        this.busy.set(false);
        this.received.set(value.displayName.trim());
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
        focusFirstInvalid(this.host, this.injector);
      },
    });
  }

  protected another(): void {
    this.form = createRegistrationForm(this.fb);
    this.consent.reset({ given: false, method: 'verbal' });
    this.received.set(null);
    this.round.update((n) => n + 1);
  }
}

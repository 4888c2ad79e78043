import type { AgentRegisterBody } from '@nss/contracts';
import { toSellerFields, type RegistrationFormValue } from '../../seller/forms/registration';

export type ConsentMethod = 'verbal' | 'signed_form';

export interface ConsentFormValue {
  given: boolean;
  method: ConsentMethod | '';
}

/**
 * The body of `POST /sellers` (agent). Without a ticked consent the `consent` object is left out, so the API
 * reports `consent.given` (the checkbox) rather than a bare type error. `recordedAt` is when the agent submits.
 */
export function toAgentRegisterRequest(
  value: RegistrationFormValue,
  consent: ConsentFormValue,
  now: Date,
): AgentRegisterBody {
  const body: AgentRegisterBody = { ...toSellerFields(value) } as AgentRegisterBody;
  if (consent.given && consent.method) {
    body.consent = { given: true, method: consent.method, recordedAt: now.toISOString() };
  }
  return body;
}

/** Client-side check of the consent section; keys are the API paths. */
export function checkConsent(consent: ConsentFormValue): Partial<Record<'consent.given' | 'consent.method', 'required'>> {
  const problems: Partial<Record<'consent.given' | 'consent.method', 'required'>> = {};
  if (!consent.given) problems['consent.given'] = 'required';
  if (!consent.method) problems['consent.method'] = 'required';
  return problems;
}

import { CITIZEN_ID_PATTERN, normalizeVnMobile } from '@nss/util-vn';
import type { SelfRegisterRequest, SellerType } from '../data/seller.models';

/** What the registration form holds (self-registration and the agent's assisted registration share it). */
export interface RegistrationFormValue {
  type: SellerType | '';
  representativeName: string;
  displayName: string;
  phone: string;
  password: string;
  citizenId: string;
  provinceCode: string;
  communeCode: string;
  addressText: string;
}

/** Form fields by the API path their errors arrive under. */
export const REGISTRATION_FIELDS = [
  'type',
  'representativeName',
  'displayName',
  'phone',
  'password',
  'citizenId',
  'address.provinceCode',
  'address.communeCode',
  'address.text',
] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

export type RegistrationProblem = 'required' | 'phone' | 'citizenId' | 'passwordShort';

export const MIN_PASSWORD_LENGTH = 8;

/** Client-side checks that spare a round trip on a slow connection; the API stays the authority. */
export function checkRegistration(
  value: RegistrationFormValue,
  options: { requirePassword: boolean },
): Partial<Record<RegistrationField, RegistrationProblem>> {
  const problems: Partial<Record<RegistrationField, RegistrationProblem>> = {};
  const required: [RegistrationField, string][] = [
    ['type', value.type],
    ['representativeName', value.representativeName],
    ['displayName', value.displayName],
    ['phone', value.phone],
    ['citizenId', value.citizenId],
    ['address.provinceCode', value.provinceCode],
    ['address.communeCode', value.communeCode],
    ['address.text', value.addressText],
  ];
  if (options.requirePassword) required.push(['password', value.password]);
  for (const [field, text] of required) if (!text.trim()) problems[field] = 'required';
  if (value.phone.trim() && !normalizeVnMobile(value.phone)) problems.phone = 'phone';
  if (value.citizenId.trim() && !CITIZEN_ID_PATTERN.test(compactDigits(value.citizenId))) problems.citizenId = 'citizenId';
  if (options.requirePassword && value.password && value.password.length < MIN_PASSWORD_LENGTH) {
    problems.password = 'passwordShort';
  }
  return problems;
}

/** People type CCCD numbers with spaces or dots as printed on the card. */
export function compactDigits(text: string): string {
  return text.replace(/[\s.-]/g, '');
}

/** The body of `POST /sellers/self-register` (step two: with the code texted to the phone). */
export function toSelfRegisterRequest(value: RegistrationFormValue, code: string): SelfRegisterRequest {
  return { ...toSellerFields(value), code: code.trim(), password: value.password };
}

/** Fields common to self-registration and the agent's `POST /sellers` (which has no password nor code). */
export function toSellerFields(value: RegistrationFormValue): Omit<SelfRegisterRequest, 'password' | 'code'> {
  if (!value.type) throw new Error('seller type missing');
  return {
    phone: normalizeVnMobile(value.phone) ?? value.phone.trim(),
    type: value.type,
    representativeName: value.representativeName.trim(),
    displayName: value.displayName.trim(),
    citizenId: compactDigits(value.citizenId),
    address: {
      provinceCode: value.provinceCode,
      communeCode: value.communeCode,
      text: value.addressText.trim(),
    },
  };
}

import { FormControl, FormGroup, NonNullableFormBuilder } from '@angular/forms';
import type { SellerType } from '../data/seller.models';
import type { RegistrationFormValue } from './registration';

export type RegistrationControls = { [K in keyof RegistrationFormValue]: FormControl<RegistrationFormValue[K]> };
export type RegistrationForm = FormGroup<RegistrationControls>;

/** The form behind self-registration and the agent's assisted registration. */
export function createRegistrationForm(fb: NonNullableFormBuilder): RegistrationForm {
  return fb.group({
    type: fb.control<SellerType | ''>(''),
    representativeName: fb.control(''),
    displayName: fb.control(''),
    phone: fb.control(''),
    password: fb.control(''),
    citizenId: fb.control(''),
    provinceCode: fb.control(''),
    communeCode: fb.control(''),
    addressText: fb.control(''),
  });
}

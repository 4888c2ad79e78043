import { FormControl, FormGroup, NonNullableFormBuilder } from '@angular/forms';
import { EMPTY_PRODUCT_FORM, type ProductFormValue } from './product';

export type ProductControls = { [K in keyof ProductFormValue]: FormControl<ProductFormValue[K]> };
export type ProductForm = FormGroup<ProductControls>;

export function createProductForm(fb: NonNullableFormBuilder): ProductForm {
  const controls = {} as ProductControls;
  for (const key of Object.keys(EMPTY_PRODUCT_FORM) as (keyof ProductFormValue)[]) {
    (controls as Record<string, FormControl<unknown>>)[key] = fb.control<unknown>(EMPTY_PRODUCT_FORM[key]);
  }
  return fb.group(controls);
}

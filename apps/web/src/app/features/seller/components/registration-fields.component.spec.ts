import { Component, inject, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import type { ApiError } from '@nss/contracts';
import { I18n } from '@nss/web-data-access';
import { SELLER_TEXTS } from '../i18n/seller.texts';
import { createRegistrationForm } from '../forms/registration-form';
import { RegistrationFieldsComponent } from './registration-fields.component';

@Component({
  imports: [RegistrationFieldsComponent],
  template: `<nss-seller-registration-fields [form]="form" [error]="error()" [fixedProvinceCode]="fixed" />`,
})
class HostComponent {
  readonly form = createRegistrationForm(inject(NonNullableFormBuilder));
  readonly error = signal<ApiError | null>(null);
  fixed: string | null = null;
}

describe('RegistrationFieldsComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(I18n).register(SELLER_TEXTS);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function select(root: HTMLElement, testid: string): HTMLSelectElement {
    return root.querySelector(`[data-testid="${testid}"]`) as HTMLSelectElement;
  }

  it('loads the communes of the chosen province and clears a commune from another province', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    http.expectOne('/api/admin-units/provinces').flush([
      { code: '19', name: 'Thái Nguyên' },
      { code: '04', name: 'Cao Bằng' },
    ]);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(select(root, 'province-select').options.length).toBe(3);
    expect(root.querySelector('label[for="reg-commune"]')?.textContent).toContain('Xã / phường');

    fixture.componentInstance.form.controls.provinceCode.setValue('19');
    http.expectOne('/api/admin-units/provinces/19/communes').flush([{ code: '05500', name: 'Phường Phan Đình Phùng', provinceCode: '19' }]);
    await fixture.whenStable();
    expect(select(root, 'commune-select').options.length).toBe(2);

    fixture.componentInstance.form.controls.communeCode.setValue('05500');
    fixture.componentInstance.form.controls.provinceCode.setValue('04');
    http.expectOne('/api/admin-units/provinces/04/communes').flush([{ code: '01234', name: 'Xã Trà Lĩnh', provinceCode: '04' }]);
    await fixture.whenStable();
    expect(fixture.componentInstance.form.controls.communeCode.value).toBe('');
  });

  it('shows the API issue next to its field', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.error.set({
      statusCode: 400,
      code: 'VALIDATION',
      message: 'Dữ liệu không hợp lệ',
      messageEn: 'Invalid data',
      issues: [{ path: 'citizenId', message: 'Số CCCD phải gồm đúng 12 chữ số / citizen ID must be exactly 12 digits' }],
    });
    fixture.detectChanges();
    http.expectOne('/api/admin-units/provinces').flush([]);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const error = root.querySelector('[data-testid="field-error-citizenId"]');
    expect(error?.textContent?.trim()).toBe('Số CCCD phải gồm đúng 12 chữ số');
    expect(root.querySelector('#reg-citizen-id')?.getAttribute('aria-invalid')).toBe('true');
  });
});

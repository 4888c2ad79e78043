import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ApiError } from '@nss/contracts';
import { ErrorBoxComponent } from './error-box.component';
import { FieldErrorComponent } from './field-error.component';
import { OcopStarsComponent } from './ocop-stars.component';
import { PriceComponent } from './price.component';
import { UI_LANG, UiLang } from './ui-lang';

const lang = signal<UiLang>('vi');
const error: ApiError = {
  statusCode: 400,
  code: 'VALIDATION',
  message: 'Dữ liệu không hợp lệ',
  messageEn: 'Invalid data',
  issues: [
    { path: 'phone', message: 'Số điện thoại không hợp lệ / invalid phone' },
    { path: 'other', message: 'Sai / wrong' },
  ],
};

@Component({
  imports: [PriceComponent, OcopStarsComponent, ErrorBoxComponent, FieldErrorComponent],
  template: `
    <nss-price [amount]="120000" />
    <nss-ocop-stars [stars]="4" />
    <nss-error-box [error]="error" [shownPaths]="['phone']" />
    <nss-field-error [error]="error" path="phone" />
  `,
})
class HostComponent {
  error = error;
}

describe('web-ui', () => {
  beforeEach(() => {
    lang.set('vi');
    TestBed.configureTestingModule({ providers: [{ provide: UI_LANG, useValue: lang }] });
  });

  it('renders price, stars, the API message and field issues in the current language', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=price]')?.textContent).toBe('120.000 ₫');
    expect(el.querySelector('.ocop')?.getAttribute('aria-label')).toBe('OCOP 4 sao');
    expect(el.querySelector('[data-testid=error-box] p')?.textContent).toBe('Dữ liệu không hợp lệ');
    expect(el.querySelector('[data-testid=error-box] li')?.textContent).toContain('other: Sai');
    expect(el.querySelectorAll('[data-testid=error-box] li').length).toBe(1);
    expect(el.querySelector('[data-testid=field-error-phone]')?.textContent).toBe('Số điện thoại không hợp lệ');
    lang.set('en');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=error-box] p')?.textContent).toBe('Invalid data');
    expect(el.querySelector('[data-testid=field-error-phone]')?.textContent).toBe('invalid phone');
  });
});

import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18n, authInterceptor } from '@nss/web-data-access';
import { AUTH_TEXTS } from './auth.i18n';
import { TotpPage } from './totp.page';

describe('TotpPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [TotpPage],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).register(AUTH_TEXTS);
    http = TestBed.inject(HttpTestingController);
  });

  it('enrols: shows the secret and a QR code, then confirms with a code', async () => {
    const fixture = TestBed.createComponent(TotpPage);
    await fixture.whenStable();
    http.expectOne('/api/auth/totp').flush({ enabled: false, required: true });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=totp-required]')?.textContent).toContain('bắt buộc');
    (el.querySelector('[data-testid=totp-start]') as HTMLButtonElement).click();
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    http.expectOne('/api/auth/totp/enrol').flush({ secret, otpauthUrl: `otpauth://totp/N%C3%B4ng%20S%C3%A0n%20S%E1%BB%91:0912345678?secret=${secret}` });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=totp-secret]')?.textContent).toBe(secret);
    const input = el.querySelector('[data-testid=totp-code]') as HTMLInputElement;
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid=totp-confirm]') as HTMLButtonElement).click();
    const confirm = http.expectOne('/api/auth/totp/confirm');
    expect(confirm.request.body).toEqual({ code: '123456' });
    confirm.flush({
      accessToken: 'a',
      refreshToken: 'r'.repeat(43),
      expiresIn: 900,
      user: { id: 'a'.repeat(24), phone: '0912345678', fullName: 'Lan', role: 'province_staff', provinceCode: '19' },
    });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=totp-done]')).toBeTruthy();
  });

  it('does not send a malformed code', async () => {
    const fixture = TestBed.createComponent(TotpPage);
    await fixture.whenStable();
    http.expectOne('/api/auth/totp').flush({ enabled: false, required: false });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('[data-testid=totp-start]') as HTMLButtonElement).click();
    http.expectOne('/api/auth/totp/enrol').flush({ secret: 'ABC', otpauthUrl: 'otpauth://totp/x?secret=ABC' });
    await fixture.whenStable();
    const input = el.querySelector('[data-testid=totp-code]') as HTMLInputElement;
    input.value = '12';
    input.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid=totp-confirm]') as HTMLButtonElement).click();
    http.expectNone('/api/auth/totp/confirm');
  });
});

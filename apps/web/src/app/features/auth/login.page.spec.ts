import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { I18n, authInterceptor } from '@nss/web-data-access';
import { AUTH_TEXTS } from './auth.i18n';
import { LoginPage } from './login.page';

describe('LoginPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).register(AUTH_TEXTS);
    http = TestBed.inject(HttpTestingController);
  });

  async function fill(phone: string, password: string) {
    const fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const set = (id: string, v: string) => {
      const input = el.querySelector(`[data-testid=${id}]`) as HTMLInputElement;
      input.value = v;
      input.dispatchEvent(new Event('input'));
    };
    set('login-phone', phone);
    set('login-password', password);
    (el.querySelector('[data-testid=login-submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
    return { fixture, el };
  }

  it('checks the phone locally before calling the API', async () => {
    const { el } = await fill('12345', 'x');
    http.expectNone('/api/auth/login');
    expect(el.querySelector('[data-testid=field-error-phone]')?.textContent).toContain('không hợp lệ');
  });

  it('shows the throttling message of a 429', async () => {
    const { fixture, el } = await fill('+84 912 345 678', 'wrong');
    const req = http.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ phone: '0912345678', password: 'wrong' });
    req.flush(
      { statusCode: 429, code: 'LOGIN_THROTTLED', message: 'Đăng nhập sai nhiều lần. Vui lòng thử lại sau 4 giây', messageEn: 'Try again in 4 seconds' },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await fixture.whenStable();
    const box = el.querySelector('[data-testid=error-box]');
    expect(box?.getAttribute('data-code')).toBe('LOGIN_THROTTLED');
    expect(box?.textContent).toContain('thử lại sau 4 giây');
  });

  it('asks for the TOTP code when the account has one, then signs in with it', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture, el } = await fill('0912345678', 'matkhau123');
    http.expectOne('/api/auth/login').flush({ totpRequired: true, challengeToken: 'c'.repeat(43), expiresIn: 300 });
    await fixture.whenStable();
    const input = el.querySelector('[data-testid=login-totp-code]') as HTMLInputElement;
    expect(input).toBeTruthy();
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid=login-totp-submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const second = http.expectOne('/api/auth/login/totp');
    expect(second.request.body).toEqual({ challengeToken: 'c'.repeat(43), code: '123456' });
    second.flush({
      accessToken: 'a',
      refreshToken: 'r'.repeat(43),
      expiresIn: 900,
      user: { id: 'a'.repeat(24), phone: '0912345678', fullName: 'Lan', role: 'admin' },
    });
    http.expectOne('/api/auth/totp').flush({ enabled: true, required: true });
    expect(navigate).toHaveBeenCalledWith('/staff');
  });

  it('sends staff who must enrol TOTP to the enrolment page', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await fill('0912345678', 'matkhau123');
    http.expectOne('/api/auth/login').flush({
      accessToken: 'a',
      refreshToken: 'r'.repeat(43),
      expiresIn: 900,
      user: { id: 'a'.repeat(24), phone: '0912345678', fullName: 'Lan', role: 'province_staff', provinceCode: '19' },
    });
    http.expectOne('/api/auth/totp').flush({ enabled: false, required: true });
    expect(navigate).toHaveBeenCalledWith('/auth/totp');
  });

  it('goes to the role home after login', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await fill('0912345678', 'matkhau123');
    http.expectOne('/api/auth/login').flush({
      accessToken: 'a',
      refreshToken: 'r'.repeat(43),
      expiresIn: 900,
      user: { id: 'a'.repeat(24), phone: '0912345678', fullName: 'Lan', role: 'province_staff', provinceCode: '19' },
    });
    http.expectOne('/api/auth/totp').flush({ enabled: false, required: false });
    expect(navigate).toHaveBeenCalledWith('/staff');
  });
});

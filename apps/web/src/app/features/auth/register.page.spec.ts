import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { I18n, authInterceptor } from '@nss/web-data-access';
import { AUTH_TEXTS } from './auth.i18n';
import { RegisterPage } from './register.page';

const tokens = (recovered: boolean) => ({
  accessToken: 'a',
  refreshToken: 'r'.repeat(43),
  expiresIn: 900,
  recovered,
  user: { id: 'a'.repeat(24), phone: '0912345678', fullName: 'Lan', role: 'buyer' },
});

describe('RegisterPage (two steps)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [RegisterPage],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).register(AUTH_TEXTS);
    http = TestBed.inject(HttpTestingController);
  });

  /** Step one done (code sent), step two filled and submitted. */
  async function throughBothSteps() {
    const fixture = TestBed.createComponent(RegisterPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const set = (id: string, v: string) => {
      const input = el.querySelector(`[data-testid=${id}]`) as HTMLInputElement;
      input.value = v;
      input.dispatchEvent(new Event('input'));
    };
    const click = (id: string) => (el.querySelector(`[data-testid=${id}]`) as HTMLButtonElement).click();
    set('register-phone', '+84 912 345 678');
    click('register-send-code');
    const sent = http.expectOne('/api/auth/phone-verification');
    expect(sent.request.body).toEqual({ phone: '0912345678' });
    sent.flush(null, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=register-code-sent]')?.textContent).toContain('0912345678');
    set('register-code', '123456');
    set('register-name', 'Lan');
    set('register-password', 'matkhau123');
    click('register-submit');
    const req = http.expectOne('/api/auth/register');
    expect(req.request.body).toEqual({ phone: '0912345678', code: '123456', fullName: 'Lan', password: 'matkhau123' });
    return { fixture, el, req };
  }

  it('sends the code first, then the code with the details, and goes home', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { req } = await throughBothSteps();
    req.flush(tokens(false), { status: 201, statusText: 'Created' });
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('says so when the phone already had an account that was recovered', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture, el, req } = await throughBothSteps();
    req.flush(tokens(true), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=register-recovered]')?.textContent).toContain('đã có tài khoản');
    expect(navigate).not.toHaveBeenCalled();
  });
});

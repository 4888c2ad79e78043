import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { I18n, provideI18n } from '@nss/web-data-access';
import { App } from './app';
import { SHELL_TEXTS } from './shell/shell.i18n';

describe('App shell', () => {
  beforeEach(async () => {
    localStorage.clear();
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18n(SHELL_TEXTS)],
    }).compileComponents();
  });

  it('shows the brand, the search box and the login link in Vietnamese', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=logo]')?.textContent).toContain('Nông Sàn Số');
    expect(el.querySelector('[data-testid=search-input]')).not.toBeNull();
    expect(el.querySelector('[data-testid=nav-login]')?.textContent).toContain('Đăng nhập');
  });

  it('switches to English and updates <html lang>', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('[data-testid=lang-en]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=nav-login]')?.textContent).toContain('Log in');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('nss.lang')).toBe('en');
    TestBed.inject(I18n).setLang('vi');
  });

  it('sends the header search to /search?q=…', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const router = TestBed.inject(Router);
    const spy = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const el = fixture.nativeElement as HTMLElement;
    const input = el.querySelector('[data-testid=search-input]') as HTMLInputElement;
    input.value = 'che thai nguyen';
    input.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid=search-submit]') as HTMLButtonElement).click();
    expect(spy).toHaveBeenCalledWith(['/search'], { queryParams: { q: 'che thai nguyen' } });
    expect(router.serializeUrl(router.createUrlTree(['/search'], { queryParams: { q: 'che thai nguyen' } }))).toBe(
      '/search?q=che%20thai%20nguyen',
    );
  });
});

import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@nss/contracts';
import { AuthSession, provideI18n } from '@nss/web-data-access';
import { AccountMenuComponent } from './account-menu.component';
import { SHELL_TEXTS } from './shell.i18n';

describe('AccountMenuComponent', () => {
  async function menuOf(role: Role): Promise<Array<[string | null, string | null]>> {
    TestBed.configureTestingModule({
      imports: [AccountMenuComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18n(SHELL_TEXTS)],
    });
    TestBed.inject(AuthSession).start({
      accessToken: 'a', refreshToken: 'r', user: { id: 'u1', role, fullName: 'Lan', phone: '0901000009' },
    } as never);
    const fixture = TestBed.createComponent(AccountMenuComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('[data-testid=account-menu]') as HTMLButtonElement).click();
    await fixture.whenStable();
    return Array.from(el.querySelectorAll('a[role=menuitem]')).map((a) => [a.getAttribute('data-testid'), a.getAttribute('href')]);
  }

  afterEach(() => localStorage.clear());

  it('gives a buyer its orders and its address book', async () => {
    const items = await menuOf('buyer');
    expect(items).toContainEqual(['nav-orders', '/don-hang']);
    expect(items).toContainEqual(['nav-addresses', '/tai-khoan/dia-chi']);
  });

  it('gives other roles no address book', async () => {
    expect((await menuOf('province_staff')).map(([id]) => id)).not.toContain('nav-addresses');
  });
});

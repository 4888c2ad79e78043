import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthSession, TranslatePipe, homeForRole } from '@nss/web-data-access';

/** Login link, or the signed-in user's menu (their home page, orders, a buyer's address book, logout). */
@Component({
  selector: 'nss-account-menu',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (session.user(); as user) {
      <div class="menu">
        <button type="button" class="trigger" data-testid="account-menu" aria-haspopup="true"
          [attr.aria-expanded]="open()" (click)="open.set(!open())">
          <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="currentColor">
            <circle cx="12" cy="8" r="4" /><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7z" /></svg><span class="sr-only">{{ 'shell.account' | t }}</span>
        </button>
        @if (open()) {
          <div class="panel" role="menu">
            <p class="who">{{ user.fullName }}<br /><small>{{ 'role.' + user.role | t }}</small></p>
            <a role="menuitem" [routerLink]="home()" (click)="open.set(false)" data-testid="nav-my-page">
              {{ 'shell.myPage' | t }}</a>
            @if (orders(); as o) {
              <a role="menuitem" [routerLink]="o.link" (click)="open.set(false)" data-testid="nav-orders">{{ o.label | t }}</a>
            }
            @if (session.role() === 'buyer') {
              <a role="menuitem" routerLink="/tai-khoan/dia-chi" (click)="open.set(false)" data-testid="nav-addresses">
                {{ 'shell.addresses' | t }}</a>
            }
            <button role="menuitem" type="button" data-testid="logout" (click)="logout()">
              {{ 'shell.logout' | t }}</button>
          </div>
        }
      </div>
    } @else {
      <a class="login" routerLink="/auth/login" data-testid="nav-login">{{ 'shell.login' | t }}</a>
    }
  `,
  styles: `
    .menu { position: relative; }
    .trigger, .login { display: inline-flex; align-items: center; justify-content: center; min-width: 44px;
      min-height: 44px; padding: 0 10px; border: 1px solid currentColor; border-radius: 8px; background: transparent;
      color: inherit; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; white-space: nowrap; }
    .panel { position: absolute; right: 0; top: 50px; z-index: 10; min-width: 200px; background: #fff; color: #222;
      border-radius: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 20%); padding: 8px; display: grid; gap: 4px; }
    .who { margin: 4px 8px 8px; }
    .panel a, .panel button { display: block; min-height: 44px; padding: 10px 8px; border: 0; background: none;
      text-align: left; font: inherit; color: #1f5f2a; text-decoration: none; cursor: pointer; border-radius: 6px; }
    .panel a:hover, .panel button:hover { background: #eef5ee; }
  `,
})
export class AccountMenuComponent {
  protected readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  protected readonly open = signal(false);
  protected readonly home = computed(() => homeForRole(this.session.role()));
  /** Where each role finds its orders. */
  protected readonly orders = computed(() => {
    switch (this.session.role()) {
      case 'buyer':
        return { link: '/don-hang', label: 'shell.myOrders' };
      case 'seller':
      case 'agent':
        return { link: '/nguoi-ban/don-hang', label: 'shell.sellerOrders' };
      case 'province_staff':
      case 'admin':
        return { link: '/quan-ly/don-hang', label: 'shell.staffOrders' };
      default:
        return null;
    }
  });

  protected logout(): void {
    this.open.set(false);
    this.session.logout();
    void this.router.navigateByUrl('/');
  }
}

import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { I18n, TranslatePipe } from '@nss/web-data-access';
import { LangSwitchComponent } from '@nss/web-ui';
import { CartLinkComponent } from './features/orders/ui/cart-link.component';
import { AccountMenuComponent } from './shell/account-menu.component';
import { SearchBoxComponent } from './shell/search-box.component';

/** The shell: a compact header (logo, language, cart, account, search) above the routed page. */
@Component({
  selector: 'nss-root',
  imports: [RouterOutlet, RouterLink, TranslatePipe, LangSwitchComponent, AccountMenuComponent, SearchBoxComponent,
    CartLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip sr-only" href="#main">{{ 'shell.skip' | t }}</a>
    <header class="app-header">
      <div class="bar">
        <a routerLink="/" class="logo" data-testid="logo">{{ 'app.name' | t }}</a>
        <nss-lang-switch [lang]="i18n.lang()" (langChange)="i18n.setLang($event)" />
        <nss-cart-link />
        <nss-account-menu />
      </div>
      <nss-search-box />
    </header>
    <main id="main" class="container">
      <router-outlet />
    </main>
  `,
  styles: `
    .app-header { background: #1f5f2a; color: #fff; padding: 8px 12px 10px; position: sticky; top: 0; z-index: 5; }
    .bar { display: flex; align-items: center; gap: 6px; margin-bottom: 8px; max-width: 960px; margin-inline: auto; }
    .logo { flex: 1; color: #fff; font-weight: 800; font-size: 1.05rem; text-decoration: none; white-space: nowrap; overflow: hidden;
      min-height: 44px; display: flex; align-items: center; gap: 4px; }
    nss-search-box { display: block; max-width: 960px; margin-inline: auto; }
  `,
})
export class App {
  protected readonly i18n = inject(I18n);
}

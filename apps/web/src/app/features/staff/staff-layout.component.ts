import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@nss/web-data-access';

/** Province staff area: a tab bar (sellers, listings, duplicate registrations, funnel) above the page. */
@Component({
  selector: 'nss-staff-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="title">{{ 'staff.home.title' | t }}</h1>
    <nav class="tabs" [attr.aria-label]="'staff.home.title' | t">
      <a routerLink="sellers" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-sellers">
        {{ 'staff.nav.sellers' | t }}</a>
      <a routerLink="products" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-products">
        {{ 'staff.nav.products' | t }}</a>
      <a routerLink="cases" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-cases">
        {{ 'staff.nav.cases' | t }}</a>
      <a routerLink="funnel" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-funnel">
        {{ 'staff.nav.funnel' | t }}</a>
    </nav>
    <router-outlet />
  `,
  styles: `
    .title { font-size: 1.2rem; margin: 12px 0 8px; }
  `,
})
export class StaffLayoutComponent {}

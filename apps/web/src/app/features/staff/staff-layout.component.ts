import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthSession, TranslatePipe } from '@nss/web-data-access';

/**
 * Province staff area: a tab bar (report, sellers, listings, duplicate registrations, funnel, orders, reviews, payments,
 * sellers' statements, stamp scans, stamp approvals) above the
 * page. Links are absolute: the orders and payments pages (`/quan-ly/…`) use the same layout.
 */
@Component({
  selector: 'nss-staff-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="title">{{ 'staff.home.title' | t }}</h1>
    <nav class="tabs" [attr.aria-label]="'staff.home.title' | t">
      <a [routerLink]="reportLink()" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-report">
        {{ 'staff.nav.report' | t }}</a>
      <a routerLink="/staff/sellers" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-sellers">
        {{ 'staff.nav.sellers' | t }}</a>
      <a routerLink="/staff/products" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-products">
        {{ 'staff.nav.products' | t }}</a>
      <a routerLink="/staff/cases" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-cases">
        {{ 'staff.nav.cases' | t }}</a>
      <a routerLink="/staff/funnel" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-funnel">
        {{ 'staff.nav.funnel' | t }}</a>
      <a routerLink="/quan-ly/don-hang" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-orders">
        {{ 'staff.nav.orders' | t }}</a>
      <a routerLink="/quan-ly/danh-gia" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-reviews">
        {{ 'staff.nav.reviews' | t }}</a>
      <a routerLink="/quan-ly/thanh-toan" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-payments">
        {{ 'staff.nav.payments' | t }}</a>
      <a routerLink="/quan-ly/sao-ke" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-statements">
        {{ 'staff.nav.statements' | t }}</a>
      <a routerLink="/quan-ly/luot-quet" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-scans">
        {{ 'staff.nav.scans' | t }}</a>
      <a routerLink="/quan-ly/tem" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="staff-nav-stamps">
        {{ 'staff.nav.stamps' | t }}</a>
    </nav>
    <router-outlet />
  `,
  styles: `
    .title { font-size: 1.2rem; margin: 12px 0 8px; }
  `,
})
export class StaffLayoutComponent {
  private readonly session = inject(AuthSession);
  /** Admins get the national view (any province); staff their province's dashboard. */
  protected readonly reportLink = computed(() => (this.session.role() === 'admin' ? '/quan-tri/bao-cao' : '/quan-ly/bao-cao'));
}

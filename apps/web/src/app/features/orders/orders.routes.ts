import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { STAFF_TEXTS } from '../staff/staff.i18n';
import { StaffLayoutComponent } from '../staff/staff-layout.component';
import { ORDERS_TEXTS } from './i18n/orders.texts';
import type { OrderMode } from './ui/order-mode';

const list = (mode: OrderMode, title: string): Route => ({
  path: '',
  pathMatch: 'full',
  title,
  data: { mode },
  loadComponent: () => import('./pages/order-list.page').then((m) => m.OrderListPage),
});
const detail = (mode: OrderMode): Route => ({
  path: ':id',
  title: 'ord.detail.pageTitle',
  data: { mode },
  loadComponent: () => import('./pages/order-detail.page').then((m) => m.OrderDetailPage),
});

/** `/gio-hang`: guests and buyers. */
export const CART_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(ORDERS_TEXTS)],
    title: 'ord.cart.title',
    loadComponent: () => import('./pages/cart/cart.page').then((m) => m.CartPage),
  },
];

/** `/thanh-toan`: signed-in buyers (a guest signs in first; the guest cart is merged then). */
export const CHECKOUT_ROUTES: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    providers: [provideI18n(ORDERS_TEXTS)],
    canActivate: [requireRole('buyer')],
    title: 'ord.checkout.title',
    loadComponent: () => import('./pages/checkout/checkout.page').then((m) => m.CheckoutPage),
  },
];

/** `/tai-khoan/…`: the buyer's account pages (the address book). */
export const ACCOUNT_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(ORDERS_TEXTS)],
    canActivate: [requireRole('buyer')],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dia-chi' },
      {
        path: 'dia-chi',
        title: 'ord.addresses.title',
        loadComponent: () => import('./pages/address-book.page').then((m) => m.AddressBookPage),
      },
    ],
  },
];

/** `/don-hang`: the buyer's orders and their tracking. */
export const BUYER_ORDER_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(ORDERS_TEXTS)],
    canActivate: [requireRole('buyer')],
    children: [list('buyer', 'ord.list.title.buyer'), detail('buyer')],
  },
];

/** `/nguoi-ban/…`: a seller's orders and balance; agents use the same pages for the households they manage. */
export const SELLER_ORDER_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(ORDERS_TEXTS)],
    canActivate: [requireRole('seller', 'agent')],
    children: [
      { path: 'don-hang', children: [list('seller', 'ord.list.title.seller'), detail('seller')] },
      {
        path: 'so-du',
        title: 'ord.balance.title',
        loadComponent: () => import('./pages/balance.page').then((m) => m.BalancePage),
      },
    ],
  },
];

/** `/quan-ly/don-hang`: the province's orders for its staff (admins see all), inside the staff tab bar. */
export const STAFF_ORDER_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(ORDERS_TEXTS), provideI18n(STAFF_TEXTS)],
    canActivate: [requireRole('province_staff', 'admin')],
    component: StaffLayoutComponent,
    children: [list('staff', 'ord.list.title.staff'), detail('staff')],
  },
];

/** `/quan-ly/danh-gia`: review moderation (province staff, admin), inside the staff tab bar. */
export const STAFF_REVIEW_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(ORDERS_TEXTS), provideI18n(STAFF_TEXTS)],
    canActivate: [requireRole('province_staff', 'admin')],
    component: StaffLayoutComponent,
    children: [
      {
        path: '',
        title: 'ord.moderation.title',
        loadComponent: () => import('./pages/review-moderation.page').then((m) => m.ReviewModerationPage),
      },
    ],
  },
];

/** `/quan-ly/sao-ke`: sellers' monthly statements for staff of their province (admins: any), inside the staff tab bar. */
export const STAFF_STATEMENT_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(ORDERS_TEXTS), provideI18n(STAFF_TEXTS)],
    canActivate: [requireRole('province_staff', 'admin')],
    component: StaffLayoutComponent,
    children: [
      {
        path: '',
        title: 'ord.staffStatement.title',
        loadComponent: () => import('./pages/staff-statement.page').then((m) => m.StaffStatementPage),
      },
    ],
  },
];

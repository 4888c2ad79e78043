import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { STAFF_TEXTS } from '../../staff/staff.i18n';
import { StaffLayoutComponent } from '../../staff/staff-layout.component';
import { STAMPS_TEXTS } from './stamps.i18n';

/** `/nguoi-ban/tem?lotId=`: a lot's stamp batches (seller; agents add `?sellerId=`), linked from the lot page. */
export const SELLER_STAMP_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(STAMPS_TEXTS)],
    canActivate: [requireRole('seller', 'agent')],
    title: 'stamp.seller.title',
    loadComponent: () => import('./seller-stamps.page').then((m) => m.SellerStampsPage),
  },
];

/** `/quan-ly/tem`: stamp requests waiting for the province's approval (staff; admins see all), in the staff tab bar. */
export const STAFF_STAMP_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(STAMPS_TEXTS), provideI18n(STAFF_TEXTS)],
    canActivate: [requireRole('province_staff', 'admin')],
    component: StaffLayoutComponent,
    children: [{ path: '', title: 'stamp.staff.title', loadComponent: () => import('./staff-stamps.page').then((m) => m.StaffStampsPage) }],
  },
];

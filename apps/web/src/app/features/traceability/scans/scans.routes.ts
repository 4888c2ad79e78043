import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { STAFF_TEXTS } from '../../staff/staff.i18n';
import { StaffLayoutComponent } from '../../staff/staff-layout.component';
import { SCANS_TEXTS } from './scans.i18n';

/** `/nguoi-ban/luot-quet`: a seller's stamp scans; agents add `?sellerId=` of a household they manage. */
export const SELLER_SCAN_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(SCANS_TEXTS)],
    canActivate: [requireRole('seller', 'agent')],
    title: 'scan.seller.title',
    loadComponent: () => import('./seller-scans.page').then((m) => m.SellerScansPage),
  },
];

/** `/quan-ly/luot-quet`: the province's scans and suspicious stamps (staff; admins see all), in the staff tab bar. */
export const STAFF_SCAN_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(SCANS_TEXTS), provideI18n(STAFF_TEXTS)],
    canActivate: [requireRole('province_staff', 'admin')],
    component: StaffLayoutComponent,
    children: [{ path: '', title: 'scan.staff.title', loadComponent: () => import('./staff-scans.page').then((m) => m.StaffScansPage) }],
  },
];

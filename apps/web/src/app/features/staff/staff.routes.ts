import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { STAFF_TEXTS } from './staff.i18n';
import { StaffHomePage } from './staff-home.page';

export const STAFF_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(STAFF_TEXTS)],
    canActivate: [requireRole('province_staff', 'admin')],
    children: [{ path: '', title: 'staff.home.title', component: StaffHomePage }],
  },
];

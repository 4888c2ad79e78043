import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { StaffLayoutComponent } from './staff-layout.component';
import { STAFF_TEXTS } from './staff.i18n';

/** `/staff/…` for province staff (admins may look; the API decides what they may do). */
export const STAFF_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(STAFF_TEXTS)],
    canActivate: [requireRole('province_staff', 'admin')],
    component: StaffLayoutComponent,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'sellers' },
      {
        path: 'sellers',
        title: 'staff.sellers.title',
        loadComponent: () => import('./seller-queue.page').then((m) => m.SellerQueuePage),
      },
      {
        path: 'products',
        title: 'staff.products.title',
        loadComponent: () => import('./product-queue.page').then((m) => m.ProductQueuePage),
      },
      {
        path: 'cases',
        title: 'staff.cases.title',
        loadComponent: () => import('./registration-cases.page').then((m) => m.RegistrationCasesPage),
      },
      { path: 'funnel', title: 'staff.funnel.title', loadComponent: () => import('./funnel.page').then((m) => m.FunnelPage) },
    ],
  },
];

import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { ORDERS_TEXTS } from '../orders/i18n/orders.texts';
import { STAFF_TEXTS } from '../staff/staff.i18n';
import { StaffLayoutComponent } from '../staff/staff-layout.component';
import { PAYMENTS_TEXTS } from './i18n/payments.texts';

/** `/thanh-toan/ket-qua` (the VNPay return lands here) and `/thanh-toan/chuyen-khoan/:checkoutId` (VietQR). */
export const PAYMENT_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(ORDERS_TEXTS), provideI18n(PAYMENTS_TEXTS)],
    children: [
      {
        path: 'ket-qua',
        title: 'pay.result.title',
        loadComponent: () => import('./pages/payment-result.page').then((m) => m.PaymentResultPage),
      },
      {
        path: 'chuyen-khoan/:checkoutId',
        title: 'pay.transfer.title',
        canActivate: [requireRole('buyer')],
        loadComponent: () => import('./pages/bank-transfer.page').then((m) => m.BankTransferPage),
      },
    ],
  },
];

/** `/quan-ly/thanh-toan`: payment queues, refunds and payouts (province staff, admin), inside the staff tab bar. */
export const STAFF_PAYMENT_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(PAYMENTS_TEXTS), provideI18n(STAFF_TEXTS)],
    canActivate: [requireRole('province_staff', 'admin')],
    component: StaffLayoutComponent,
    children: [
      {
        path: '',
        title: 'pay.staff.title',
        loadComponent: () => import('./pages/staff-payments.page').then((m) => m.StaffPaymentsPage),
      },
    ],
  },
];

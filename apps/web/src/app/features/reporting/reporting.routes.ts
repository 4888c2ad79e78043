import type { EnvironmentProviders, Provider } from '@angular/core';
import { DateAdapter, MAT_DATE_FORMATS, MAT_DATE_LOCALE, MAT_NATIVE_DATE_FORMATS } from '@angular/material/core';
import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { STAFF_TEXTS } from '../staff/staff.i18n';
import { StaffLayoutComponent } from '../staff/staff-layout.component';
import { SCANS_TEXTS } from '../traceability/scans/scans.i18n';
import { REPORTING_TEXTS } from './reporting.i18n';
import { VnDateAdapter } from './vn-date-adapter';

/** Texts (the dashboard's, the staff tab bar's, the scan reasons') and the datepicker's day-first dates. */
const REPORT_PROVIDERS: Array<Provider | EnvironmentProviders> = [
  provideI18n(REPORTING_TEXTS),
  provideI18n(SCANS_TEXTS),
  provideI18n(STAFF_TEXTS),
  { provide: DateAdapter, useClass: VnDateAdapter },
  { provide: MAT_DATE_FORMATS, useValue: MAT_NATIVE_DATE_FORMATS },
  { provide: MAT_DATE_LOCALE, useValue: 'vi-VN' },
];

const dashboard = () => import('./pages/report-dashboard.page').then((m) => m.ReportDashboardPage);

/** `/quan-ly/bao-cao`: the province staff's dashboard of their province, in the staff tab bar. */
export const STAFF_REPORT_ROUTES: Route[] = [
  {
    path: '',
    providers: REPORT_PROVIDERS,
    canActivate: [requireRole('province_staff', 'admin')],
    component: StaffLayoutComponent,
    children: [{ path: '', title: 'rep.title', loadComponent: dashboard }],
  },
];

/** `/quan-tri/bao-cao`: admins, the whole country or a province they pick (admins reach it from the staff tab bar). */
export const ADMIN_REPORT_ROUTES: Route[] = [
  {
    path: '',
    providers: REPORT_PROVIDERS,
    canActivate: [requireRole('admin')],
    component: StaffLayoutComponent,
    children: [{ path: '', title: 'rep.titleNational', loadComponent: dashboard }],
  },
];

import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { LOTS_TEXTS } from './i18n/lots.texts';

/**
 * `/nguoi-ban/lo-hang/…`: a seller's lots and their production diary; agents use the same pages for a household they
 * manage with `?sellerId=` (as `/nguoi-ban/so-du`).
 */
export const LOT_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(LOTS_TEXTS)],
    canActivate: [requireRole('seller', 'agent')],
    children: [
      { path: '', pathMatch: 'full', title: 'lot.list.title', loadComponent: () => import('./pages/lot-list.page').then((m) => m.LotListPage) },
      { path: 'moi', title: 'lot.create.title', loadComponent: () => import('./pages/lot-create.page').then((m) => m.LotCreatePage) },
      { path: ':id', title: 'lot.detail.pageTitle', loadComponent: () => import('./pages/lot-detail.page').then((m) => m.LotDetailPage) },
    ],
  },
];

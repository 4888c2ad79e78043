import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { SELLER_TEXTS } from './i18n/seller.texts';

/** Product pages, also mounted by the agent routes for households an agent manages. */
export const SELLER_PRODUCT_ROUTES: Route[] = [
  {
    path: '',
    title: 'seller.products.title',
    loadComponent: () => import('./pages/products/product-list.page').then((m) => m.ProductListPage),
  },
  {
    path: 'new',
    title: 'seller.product.newTitle',
    loadComponent: () => import('./pages/products/product-edit.page').then((m) => m.ProductEditPage),
  },
  {
    path: ':productId',
    title: 'seller.product.editTitle',
    loadComponent: () => import('./pages/products/product-edit.page').then((m) => m.ProductEditPage),
  },
];

/** `/seller/...`: self-registration (public) and the seller's own pages. */
export const SELLER_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(SELLER_TEXTS)],
    children: [
      {
        path: 'register',
        title: 'seller.register.title',
        loadComponent: () => import('./pages/register/register.page').then((m) => m.SellerRegisterPage),
      },
      {
        path: '',
        canActivate: [requireRole('seller')],
        children: [
          {
            path: '',
            pathMatch: 'full',
            title: 'seller.dashboard.title',
            loadComponent: () => import('./pages/dashboard/dashboard.page').then((m) => m.SellerDashboardPage),
          },
          { path: 'products', children: SELLER_PRODUCT_ROUTES },
        ],
      },
    ],
  },
];

import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { SELLER_TEXTS } from './i18n/seller.texts';

/**
 * The product pages under `base` ("products", or "households/:sellerId/products" for an agent). Flat routes, so
 * that `:sellerId` reaches every page through component input binding.
 */
export function productRoutes(base: string): Route[] {
  return [
    {
      path: base,
      pathMatch: 'full',
      title: 'seller.products.title',
      loadComponent: () => import('./pages/products/product-list.page').then((m) => m.ProductListPage),
    },
    {
      path: `${base}/new`,
      title: 'seller.product.newTitle',
      loadComponent: () => import('./pages/products/product-edit.page').then((m) => m.ProductEditPage),
    },
    {
      path: `${base}/:productId`,
      title: 'seller.product.editTitle',
      loadComponent: () => import('./pages/products/product-edit.page').then((m) => m.ProductEditPage),
    },
  ];
}

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
      // The handover claim also answers here (public), for links sent before `/handover` is mounted by the app.
      { path: 'handover', loadChildren: () => import('../agent/handover.routes').then((m) => m.HANDOVER_ROUTES) },
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
          ...productRoutes('products'),
        ],
      },
    ],
  },
];

import { Route } from '@angular/router';
import { provideI18n } from '@nss/web-data-access';
import { HomePage } from './home.page';
import { STOREFRONT_TEXTS } from './storefront.i18n';

export const STOREFRONT_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(STOREFRONT_TEXTS)],
    children: [
      { path: '', pathMatch: 'full', title: 'sf.home.title', component: HomePage },
      { path: 'search', title: 'sf.search.title', loadComponent: () => import('./search.page').then((m) => m.SearchPage) },
      {
        path: 'products/:id',
        title: 'sf.product.title',
        loadComponent: () => import('./product.page').then((m) => m.ProductPage),
      },
      // A seller's shop (Vietnamese path, as the buying pages).
      { path: 'cua-hang/:id', title: 'sf.shop.title', loadComponent: () => import('./shop.page').then((m) => m.ShopPage) },
    ],
  },
];

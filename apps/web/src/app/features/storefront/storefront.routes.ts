import { Route } from '@angular/router';
import { provideI18n } from '@nss/web-data-access';
import { STOREFRONT_TEXTS } from './storefront.i18n';
import { HomePage } from './home.page';

export const STOREFRONT_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(STOREFRONT_TEXTS)],
    children: [{ path: '', title: 'storefront.home.title', component: HomePage }],
  },
];

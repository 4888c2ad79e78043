import { Route } from '@angular/router';
import { provideI18n } from '@nss/web-data-access';
import { DEV_TEXTS } from './dev.i18n';
import { OutboxPage } from './outbox.page';

export const DEV_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(DEV_TEXTS)],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'outbox' },
      { path: 'outbox', title: 'dev.outbox.title', component: OutboxPage },
    ],
  },
];

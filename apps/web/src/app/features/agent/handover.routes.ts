import { Route } from '@angular/router';
import { provideI18n } from '@nss/web-data-access';
import { SELLER_TEXTS } from '../seller/i18n/seller.texts';
import { AGENT_TEXTS } from './i18n/agent.texts';

/**
 * `/handover` (public): a household claims the account an agent created. Mounted at the top level by the app:
 * `{ path: 'handover', loadChildren: () => import('./features/agent/handover.routes').then((m) => m.HANDOVER_ROUTES) }`.
 */
export const HANDOVER_ROUTES: Route[] = [
  {
    path: '',
    providers: [provideI18n(SELLER_TEXTS), provideI18n(AGENT_TEXTS)],
    children: [
      {
        path: '',
        title: 'agent.claim.title',
        loadComponent: () => import('./pages/claim/handover-claim.page').then((m) => m.HandoverClaimPage),
      },
    ],
  },
];

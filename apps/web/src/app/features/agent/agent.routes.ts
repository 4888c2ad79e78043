import { Route } from '@angular/router';
import { provideI18n, requireRole } from '@nss/web-data-access';
import { SELLER_TEXTS } from '../seller/i18n/seller.texts';
import { productRoutes } from '../seller/seller.routes';
import { AGENT_TEXTS } from './i18n/agent.texts';

/** `/agent/...` (role agent). The seller's product pages are reused for the households the agent manages. */
export const AGENT_ROUTES: Route[] = [
  {
    path: '',
    canActivate: [requireRole('agent')],
    providers: [provideI18n(SELLER_TEXTS), provideI18n(AGENT_TEXTS)],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'agent.home.title',
        loadComponent: () => import('./pages/home/agent-home.page').then((m) => m.AgentHomePage),
      },
      {
        path: 'register',
        title: 'agent.register.title',
        loadComponent: () => import('./pages/register/assisted-register.page').then((m) => m.AssistedRegisterPage),
      },
      {
        path: 'households',
        pathMatch: 'full',
        title: 'agent.households.title',
        loadComponent: () => import('./pages/households/households.page').then((m) => m.HouseholdsPage),
      },
      ...productRoutes('households/:sellerId/products'),
      {
        path: 'training',
        pathMatch: 'full',
        title: 'agent.training.title',
        loadComponent: () => import('./pages/training/training-list.page').then((m) => m.TrainingListPage),
      },
      {
        path: 'training/new',
        title: 'agent.training.new',
        loadComponent: () => import('./pages/training/training-create.page').then((m) => m.TrainingCreatePage),
      },
    ],
  },
];

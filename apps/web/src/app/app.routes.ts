import { Route } from '@angular/router';

/**
 * One lazy route file per area; each area registers its own dictionary and guards in its routes file.
 * Seller and agent areas belong to the seller-portal work (`features/seller`, `features/agent`).
 */
export const appRoutes: Route[] = [
  { path: 'auth', loadChildren: () => import('./features/auth/auth.routes').then((m) => m.AUTH_ROUTES) },
  { path: 'staff', loadChildren: () => import('./features/staff/staff.routes').then((m) => m.STAFF_ROUTES) },
  { path: 'seller', loadChildren: () => import('./features/seller/seller.routes').then((m) => m.SELLER_ROUTES) },
  { path: 'agent', loadChildren: () => import('./features/agent/agent.routes').then((m) => m.AGENT_ROUTES) },
  // The household's account-claim page (public), reached from the one-time code's message.
  { path: 'handover', loadChildren: () => import('./features/agent/handover.routes').then((m) => m.HANDOVER_ROUTES) },
  // Storefront last among the areas: it owns '', 'search' and 'products/:id'.
  { path: '', loadChildren: () => import('./features/storefront/storefront.routes').then((m) => m.STOREFRONT_ROUTES) },
  { path: '**', title: 'shell.notFound.title', loadComponent: () => import('./shell/not-found.page').then((m) => m.NotFoundPage) },
];

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
  // Buying (Vietnamese paths, docs/design/orders-payments.md § Web): cart, checkout, payment, the buyer's orders.
  { path: 'gio-hang', loadChildren: () => import('./features/orders/orders.routes').then((m) => m.CART_ROUTES) },
  { path: 'thanh-toan', loadChildren: () => import('./features/orders/orders.routes').then((m) => m.CHECKOUT_ROUTES) },
  { path: 'thanh-toan', loadChildren: () => import('./features/payments/payments.routes').then((m) => m.PAYMENT_ROUTES) },
  { path: 'don-hang', loadChildren: () => import('./features/orders/orders.routes').then((m) => m.BUYER_ORDER_ROUTES) },
  // The buyer's account pages: the address book (`/tai-khoan/dia-chi`).
  { path: 'tai-khoan', loadChildren: () => import('./features/orders/orders.routes').then((m) => m.ACCOUNT_ROUTES) },
  // Sellers' (and their agents') lots and production diary (before 'nguoi-ban', which the orders area owns).
  { path: 'nguoi-ban/lo-hang', loadChildren: () => import('./features/traceability/lots/lots.routes').then((m) => m.LOT_ROUTES) },
  // Stamp scan analytics (traceability): the seller's (or its agent's) and the province staff's.
  { path: 'nguoi-ban/luot-quet', loadChildren: () => import('./features/traceability/scans/scans.routes').then((m) => m.SELLER_SCAN_ROUTES) },
  { path: 'quan-ly/luot-quet', loadChildren: () => import('./features/traceability/scans/scans.routes').then((m) => m.STAFF_SCAN_ROUTES) },
  // Stamp batches (traceability): a lot's batches for the seller side, requests waiting for the province staff.
  { path: 'nguoi-ban/tem', loadChildren: () => import('./features/traceability/stamps/stamps.routes').then((m) => m.SELLER_STAMP_ROUTES) },
  { path: 'quan-ly/tem', loadChildren: () => import('./features/traceability/stamps/stamps.routes').then((m) => m.STAFF_STAMP_ROUTES) },
  // Sellers' (and their agents') orders and balance; staff order lists and payment queues.
  { path: 'nguoi-ban', loadChildren: () => import('./features/orders/orders.routes').then((m) => m.SELLER_ORDER_ROUTES) },
  { path: 'quan-ly/don-hang', loadChildren: () => import('./features/orders/orders.routes').then((m) => m.STAFF_ORDER_ROUTES) },
  { path: 'quan-ly/danh-gia', loadChildren: () => import('./features/orders/orders.routes').then((m) => m.STAFF_REVIEW_ROUTES) },
  { path: 'quan-ly/sao-ke', loadChildren: () => import('./features/orders/orders.routes').then((m) => m.STAFF_STATEMENT_ROUTES) },
  { path: 'quan-ly/thanh-toan', loadChildren: () => import('./features/payments/payments.routes').then((m) => m.STAFF_PAYMENT_ROUTES) },
  // Province reporting (issue 8): the staff dashboard of their province, the admins' national view.
  { path: 'quan-ly/bao-cao', loadChildren: () => import('./features/reporting/reporting.routes').then((m) => m.STAFF_REPORT_ROUTES) },
  { path: 'quan-tri/bao-cao', loadChildren: () => import('./features/reporting/reporting.routes').then((m) => m.ADMIN_REPORT_ROUTES) },
  // Storefront last among the areas: it owns '', 'search' and 'products/:id'.
  { path: '', loadChildren: () => import('./features/storefront/storefront.routes').then((m) => m.STOREFRONT_ROUTES) },
  { path: '**', title: 'shell.notFound.title', loadComponent: () => import('./shell/not-found.page').then((m) => m.NotFoundPage) },
];

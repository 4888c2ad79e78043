import { RenderMode, ServerRoute } from '@angular/ssr';

/**
 * Which pages the server renders. The public pages a buyer reaches from a shared link or a search engine (home,
 * search results, a product, a seller's shop) are rendered on the server per request (their data changes with
 * moderation); everything personal or behind a sign-in (portals, cart, checkout, orders, account, auth) stays
 * client-rendered: the server sends the empty app shell for those.
 */
export const serverRoutes: ServerRoute[] = [
  { path: '', renderMode: RenderMode.Server },
  { path: 'search', renderMode: RenderMode.Server },
  { path: 'products/:id', renderMode: RenderMode.Server },
  { path: 'cua-hang/:id', renderMode: RenderMode.Server },
  { path: '**', renderMode: RenderMode.Client },
];

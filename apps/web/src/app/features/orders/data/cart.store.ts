import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { ApiError } from '@nss/contracts';
import { ApiClient, AuthSession, RequestHeaders, toApiError } from '@nss/web-data-access';
import { Observable, catchError, map, of, switchMap, tap, throwError } from 'rxjs';
import type { CartView } from './orders.models';

const TOKEN_KEY = 'nss.cartToken';
const EMPTY: CartView = { groups: [], itemsTotalVnd: 0, hasIssues: false };

/**
 * The cart, shared by the header (count), the product page ("add to cart") and the cart and checkout pages.
 * A guest's cart lives on the server behind a random token (`POST /api/carts`), kept in localStorage and sent as
 * `X-Cart-Token`; when a buyer signs in, the guest lines are merged into the buyer's cart once and the token dropped.
 */
@Injectable({ providedIn: 'root' })
export class CartStore {
  private readonly api = inject(ApiClient);
  private readonly session = inject(AuthSession);

  private readonly state = signal<CartView | null>(null);
  /** The guest token when localStorage is unavailable. */
  private memoryToken: string | null = null;
  /** Reads overtake each other (a read started before a merge may answer after it): only the newest counts. */
  private reads = 0;
  readonly cart = computed(() => this.state() ?? EMPTY);
  readonly loaded = computed(() => this.state() !== null);
  /** Units in the cart, for the header badge. */
  readonly count = computed(() => this.cart().groups.reduce((n, g) => n + g.lines.reduce((m, l) => m + l.quantity, 0), 0));
  readonly lineCount = computed(() => this.cart().groups.reduce((n, g) => n + g.lines.length, 0));
  readonly error = signal<ApiError | null>(null);
  /** Only guests and buyers have a cart; staff, sellers and agents do not buy. */
  readonly canBuy = computed(() => {
    const role = this.session.role();
    return role === null || role === 'buyer';
  });

  constructor() {
    // Sign-in, sign-out or a change of account: merge a guest cart into a buyer's, then (re)load.
    effect(() => {
      const user = this.session.user();
      untracked(() => this.onAccountChange(user?.role ?? null));
    });
  }

  /** Reads the cart again (flags and prices are computed by the server on every read). */
  reload(): void {
    this.load().subscribe({ error: () => undefined });
  }

  load(): Observable<CartView> {
    const headers = this.headers();
    if (!this.session.isLoggedIn() && !headers) return of(this.set(EMPTY));
    const read = ++this.reads;
    return this.api.get<CartView>('/cart', undefined, headers).pipe(
      map((cart) => (read === this.reads ? this.set(cart) : this.cart())),
      catchError((err: unknown) => {
        const error = toApiError(err);
        if (!this.session.isLoggedIn() && (error.statusCode === 404 || error.statusCode === 401)) {
          // The guest cart expired or was merged elsewhere: start over.
          this.forgetToken();
          return of(this.set(EMPTY));
        }
        this.error.set(error);
        return throwError(() => error);
      }),
    );
  }

  /** Sets a line's quantity (0 removes it); a guest without a cart gets one first. */
  setQuantity(productId: string, quantity: number): Observable<CartView> {
    return this.ensureCart().pipe(
      switchMap((headers) => this.api.put<unknown>(`/cart/items/${encodeURIComponent(productId)}`, { quantity }, headers)),
      switchMap((answer) => this.applyAnswer(answer)),
    );
  }

  /** Adds `quantity` to what is already in the cart for this product. */
  add(productId: string, quantity = 1): Observable<CartView> {
    const current = this.cart().groups.flatMap((g) => g.lines).find((l) => l.productId === productId)?.quantity ?? 0;
    return this.setQuantity(productId, current + quantity);
  }

  remove(productId: string): Observable<CartView> {
    return this.api
      .delete<unknown>(`/cart/items/${encodeURIComponent(productId)}`, this.headers())
      .pipe(switchMap((answer) => this.applyAnswer(answer)));
  }

  /** The buyer accepts the current prices of flagged lines. */
  acceptChanges(): Observable<CartView> {
    return this.api
      .post<unknown>('/cart/accept-changes', {}, this.headers())
      .pipe(switchMap((answer) => this.applyAnswer(answer)));
  }

  /** After a checkout the server emptied the cart. */
  clearLocal(): void {
    this.state.set(EMPTY);
  }

  token(): string | null {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  }

  private onAccountChange(role: string | null): void {
    const token = this.token();
    if (role === 'buyer' && token) {
      this.api
        .post<CartView>('/cart/merge', {}, { 'X-Cart-Token': token })
        .pipe(
          tap(() => this.forgetToken()),
          catchError((err: unknown) => {
            // A token the server no longer knows has nothing to merge.
            if (toApiError(err).statusCode === 404) this.forgetToken();
            return of(null);
          }),
          switchMap(() => this.load()),
        )
        .subscribe({ error: () => undefined });
      return;
    }
    if (role !== null && role !== 'buyer') {
      this.state.set(EMPTY);
      return;
    }
    this.reload();
  }

  private ensureCart(): Observable<RequestHeaders | undefined> {
    if (this.session.isLoggedIn()) return of(undefined);
    const existing = this.headers();
    if (existing) return of(existing);
    return this.api.post<{ cartToken: string }>('/carts', {}).pipe(
      map(({ cartToken }) => {
        try {
          localStorage.setItem(TOKEN_KEY, cartToken);
        } catch {
          // Storage unavailable: the cart lasts for this page.
        }
        this.memoryToken = cartToken;
        return { 'X-Cart-Token': cartToken };
      }),
    );
  }

  /** The guest header, when signed out and a guest cart exists. Buyers are known by their bearer token. */
  private headers(): RequestHeaders | undefined {
    if (this.session.isLoggedIn()) return undefined;
    const token = this.token() ?? this.memoryToken;
    return token ? { 'X-Cart-Token': token } : undefined;
  }

  private forgetToken(): void {
    this.memoryToken = null;
    try {
      localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Nothing stored.
    }
  }

  /** A write answers with the cart (or nothing, then the cart is read again). */
  private applyAnswer(answer: unknown): Observable<CartView> {
    return isCartView(answer) ? of(this.set(answer)) : this.load();
  }

  private set(cart: CartView): CartView {
    this.state.set(cart);
    this.error.set(null);
    return cart;
  }
}

function isCartView(value: unknown): value is CartView {
  return typeof value === 'object' && value !== null && Array.isArray((value as { groups?: unknown }).groups);
}

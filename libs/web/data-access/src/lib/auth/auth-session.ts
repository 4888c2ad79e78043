import { Injectable, computed, inject, signal } from '@angular/core';
import type { Role } from '@nss/contracts';
import { Observable, finalize, map, shareReplay, tap } from 'rxjs';
import { ApiClient } from '../api/api-client';
import { AuthTokens, LoginStep, Me, TotpChallenge, TotpEnrolment, TotpStatus } from './auth.models';

const STORAGE_KEY = 'nss.session';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: Me;
}

/**
 * Who is signed in. Tokens and the last known user live in localStorage so that a reload (or a guard
 * running before any request) knows the role at once; `GET /auth/me` refreshes the user in the background.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly api = inject(ApiClient);
  private readonly state = signal<StoredSession | null>(readStored());
  private refreshing: Observable<void> | null = null;

  readonly user = computed(() => this.state()?.user ?? null);
  readonly role = computed<Role | null>(() => this.user()?.role ?? null);
  readonly isLoggedIn = computed(() => this.state() !== null);

  accessToken(): string | null {
    return this.state()?.accessToken ?? null;
  }

  hasRole(...roles: Role[]): boolean {
    const role = this.role();
    return role !== null && roles.includes(role);
  }

  /** Password sign-in; a user with TOTP gets a challenge to answer with `completeTotp`. */
  login(phone: string, password: string): Observable<LoginStep> {
    return this.api.post<AuthTokens | TotpChallenge>('/auth/login', { phone, password }).pipe(
      map((answer): LoginStep => ('totpRequired' in answer ? { kind: 'totp', challenge: answer } : { kind: 'signedIn', user: this.start(answer) })),
    );
  }

  /** The second step of sign-in: the code from the authenticator app. */
  completeTotp(challengeToken: string, code: string): Observable<Me> {
    return this.api.post<AuthTokens>('/auth/login/totp', { challengeToken, code }).pipe(map((t) => this.start(t)));
  }

  /** Staff and admins: whether TOTP is on and whether it is required. */
  totpStatus(): Observable<TotpStatus> {
    return this.api.get<TotpStatus>('/auth/totp');
  }

  totpEnrol(): Observable<TotpEnrolment> {
    return this.api.post<TotpEnrolment>('/auth/totp/enrol', {});
  }

  /** Turns TOTP on; the server ends the other sessions and starts a new one, kept here. */
  totpConfirm(code: string): Observable<Me> {
    return this.api.post<AuthTokens>('/auth/totp/confirm', { code }).pipe(map((t) => this.start(t)));
  }

  /** Turns TOTP off; every session ends, this one included. */
  totpDisable(code: string): Observable<void> {
    return this.api.post<void>('/auth/totp/disable', { code }).pipe(tap(() => this.clear()));
  }

  /** Step one of a public registration (buyer or seller): a code is texted to the phone (always 202). */
  sendPhoneCode(phone: string): Observable<void> {
    return this.api.post<void>('/auth/phone-verification', { phone });
  }

  /**
   * Buyer registration, step two. `recovered`: the phone already had an account, which now has this password
   * (the name given was not applied).
   */
  register(body: { phone: string; code: string; password: string; fullName: string }): Observable<{ user: Me; recovered: boolean }> {
    return this.api
      .post<AuthTokens & { recovered: boolean }>('/auth/register', body)
      .pipe(map((result) => ({ user: this.start(result), recovered: result.recovered })));
  }

  /** Keeps tokens obtained elsewhere (seller self-registration, handover claim). */
  start(tokens: AuthTokens): Me {
    this.save({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, user: tokens.user });
    return tokens.user;
  }

  /**
   * One refresh at a time: concurrent 401s share the same request (the refresh token rotates, so a second
   * refresh with the old token would revoke the whole family).
   */
  refresh(): Observable<void> {
    if (this.refreshing) return this.refreshing;
    const refreshToken = this.state()?.refreshToken;
    if (!refreshToken) throw new Error('No refresh token');
    this.refreshing = this.api.post<AuthTokens>('/auth/refresh', { refreshToken }).pipe(
      tap((t) => this.start(t)),
      map(() => undefined),
      finalize(() => (this.refreshing = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshing;
  }

  canRefresh(): boolean {
    return !!this.state()?.refreshToken;
  }

  /** Re-reads the user (role or seller may have changed since the tokens were stored). */
  reloadMe(): Observable<Me> {
    return this.api.get<Me>('/auth/me').pipe(
      tap((user) => {
        const current = this.state();
        if (current) this.save({ ...current, user });
      }),
    );
  }

  /** Tells the server to revoke the refresh token, then forgets the session whatever the answer. */
  logout(): void {
    const refreshToken = this.state()?.refreshToken;
    if (refreshToken) this.api.post<void>('/auth/logout', { refreshToken }).subscribe({ error: () => undefined });
    this.clear();
  }

  /** Forgets the session locally (expired refresh token, or after logout). */
  clear(): void {
    this.state.set(null);
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored, nothing to remove.
    }
  }

  private save(session: StoredSession): void {
    this.state.set(session);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Storage unavailable: the session lasts until the page is closed.
    }
  }
}

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string' || !parsed.user?.role) {
      return null;
    }
    return parsed as StoredSession;
  } catch {
    return null;
  }
}

import type { ApiError } from '@nss/contracts';

/**
 * One `Idempotency-Key` per attempt of a payment-like request (checkout, payment creation).
 * The same key is sent again only when the previous try got no definitive answer (network error, 5xx, or the
 * server still running it): then the retry replays instead of ordering twice. After any definitive answer (2xx or
 * another 4xx, which the server stores and would replay) or a change of the body, the next try is a new attempt.
 */
export class IdempotentAttempt {
  private current: { body: string; key: string } | null = null;

  constructor(private readonly newKey: () => string = randomKey) {}

  /** The key for sending `body` now. */
  keyFor(body: unknown): string {
    const json = JSON.stringify(body);
    if (this.current?.body !== json) this.current = { body: json, key: this.newKey() };
    return this.current.key;
  }

  /** Call with the outcome of the request sent with `keyFor`'s key. */
  settle(error: ApiError | null): void {
    if (error === null || !isUndecided(error)) this.current = null;
  }
}

/** No answer to rely on: the request may or may not have run, so a retry must carry the same key. */
export function isUndecided(error: ApiError): boolean {
  return error.statusCode === 0 || error.statusCode >= 500 || error.code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS';
}

/** 128 random bits, hex. */
export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

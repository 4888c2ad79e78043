/** Settings of the bank-feed simulator (SePay-style): where the webhook goes, its key, the receiving account. */
export interface SimOptions {
  host: string;
  port: number;
  webhookUrl: string;
  /** Sent as `Authorization: Apikey <apiKey>` (the API's BANK_FEED_API_KEY). */
  apiKey: string;
  /** The bank the feed watches (`gateway`) and its account (`accountNumber` when a transfer names none). */
  gateway: string;
  accountNumber: string;
  /** Interval between deliveries of one transfer. */
  retryMs: number;
  /** Deliveries at most per transfer (SePay: 7). */
  maxAttempts: number;
  /** How long one webhook call may take. */
  timeoutMs: number;
  now: () => Date;
}

export const DEV_BANK_FEED_API_KEY = 'dev-bank-feed-api-key';

const intOr = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Expected a non-negative integer, got "${value}"`);
  return n;
};

export function simOptionsFromEnv(env: NodeJS.ProcessEnv): SimOptions {
  return {
    host: env['BANK_FEED_SIM_HOST'] || '127.0.0.1',
    port: intOr(env['BANK_FEED_SIM_PORT'], 7310),
    webhookUrl: env['BANK_FEED_SIM_WEBHOOK_URL'] || 'http://127.0.0.1:3000/api/payments/bank-feed/webhook',
    apiKey: env['BANK_FEED_SIM_API_KEY'] || DEV_BANK_FEED_API_KEY,
    gateway: env['BANK_FEED_SIM_GATEWAY'] || 'VietinBank',
    accountNumber: env['BANK_FEED_SIM_ACCOUNT_NUMBER'] || '0011001932418',
    retryMs: intOr(env['BANK_FEED_SIM_RETRY_MS'], 60_000),
    maxAttempts: intOr(env['BANK_FEED_SIM_MAX_ATTEMPTS'], 7),
    timeoutMs: intOr(env['BANK_FEED_SIM_TIMEOUT_MS'], 10_000),
    now: () => new Date(),
  };
}

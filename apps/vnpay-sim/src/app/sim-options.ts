/**
 * The simulator's settings: the merchant credentials it accepts (what VNPay would have issued) and where it sends
 * IPNs. The defaults are the development values of the API's `.env.example`.
 */
export interface SimOptions {
  host: string;
  port: number;
  tmnCode: string;
  hashSecret: string;
  /** The merchant's IPN URL (set per terminal in VNPay's merchant portal, not sent in the pay request). */
  ipnUrl: string;
  /** Interval between IPN calls (VNPay: 5 minutes). */
  ipnRetryMs: number;
  /** How many IPN calls at most (VNPay: 10). */
  ipnMaxAttempts: number;
  /** How long one IPN call may take before it counts as a time out. */
  ipnTimeoutMs: number;
  /** Now (tests fix it). */
  now: () => Date;
}

export const DEV_TMN_CODE = 'NSSDEV01';
export const DEV_HASH_SECRET = 'NSSDEVSECRETVNPAYSIMULATOR000001';

const intOr = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Expected a non-negative integer, got "${value}"`);
  return n;
};

export function simOptionsFromEnv(env: NodeJS.ProcessEnv): SimOptions {
  return {
    host: env['VNPAY_SIM_HOST'] || '127.0.0.1',
    port: intOr(env['VNPAY_SIM_PORT'], 7300),
    tmnCode: env['VNPAY_SIM_TMN_CODE'] || DEV_TMN_CODE,
    hashSecret: env['VNPAY_SIM_HASH_SECRET'] || DEV_HASH_SECRET,
    ipnUrl: env['VNPAY_SIM_IPN_URL'] || 'http://127.0.0.1:3000/api/payments/vnpay/ipn',
    ipnRetryMs: intOr(env['VNPAY_SIM_IPN_RETRY_MS'], 300_000),
    ipnMaxAttempts: intOr(env['VNPAY_SIM_IPN_MAX_ATTEMPTS'], 10),
    ipnTimeoutMs: intOr(env['VNPAY_SIM_IPN_TIMEOUT_MS'], 10_000),
    now: () => new Date(),
  };
}

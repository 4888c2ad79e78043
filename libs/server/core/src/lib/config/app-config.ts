import { z } from 'zod';
import { MessagingConfig, messagingEnvShape, resolveMessagingConfig } from './messaging-config';
import { ordersEnvShape } from './orders-config';
import { traceabilityEnvShape } from './traceability-config';
import { PaymentsConfig, paymentsEnvShape, resolvePaymentsConfig } from './payments-config';

/** A boolean variable: 'true' or 'false', or absent (= the environment's default). */
const optionalFlag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

/** `points/seconds`, e.g. `30/60`. */
const ratePolicySchema = z
  .string()
  .regex(/^\d{1,7}\/\d{1,7}$/, 'must be points/seconds, e.g. 30/60')
  .transform((v) => {
    const [points, seconds] = v.split('/').map(Number);
    return { points, seconds };
  })
  .refine((p) => p.points >= 1 && p.seconds >= 1, 'points and seconds must be at least 1');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/i;

/** '' → trust nobody (false); digits → hop count; else a list of addresses/CIDRs/names for Fastify's trustProxy. */
export const trustProxySchema = z
  .string()
  .default('')
  .transform((v, ctx): false | number | string[] => {
    const value = v.trim();
    if (value === '' || value === 'false') return false;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
    const bad = entries.filter((e) => !PROXY_NAMES.has(e) && !IPV4.test(e) && !IPV6.test(e));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `not an IP, CIDR or hop count: ${bad.join(', ')}` });
      return z.NEVER;
    }
    return entries;
  });

/**
 * Every variable the API and the worker read, validated once at boot. A missing or malformed variable stops the
 * process with a message naming it; secrets have no defaults.
 */
const envSchema = z.object({
  /**
   * No default: a deployment that forgets it must not run as development. Only `development` turns on development
   * conveniences; `test`, `production` and anything else behave as production (see `isDevelopment`).
   */
  NODE_ENV: z.string().regex(/^[a-z]+$/, 'must be development, test or production'),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a mongodb:// or mongodb+srv:// URI'),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL'),
  JWT_ACCESS_SECRET: z.string().min(32, 'must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  MEDIA_DIR: z.string().min(1, 'must be a directory path'),
  PUBLIC_WEB_URL: z.url().default('http://localhost:4200'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(5 * 1024 * 1024),
  // ---- Faults (issue 10, part 1): bounded waits on a dependency that is away, then 503 with Retry-After ----
  /** How long a request waits for the database when none answers (driver server selection, connect, Mongoose buffering). */
  MONGODB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** How long a connection attempt to Redis may take; a command is given up after 3 reconnection attempts. */
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** Retry-After (seconds) of a 503 answered while the database or Redis is away. */
  UNAVAILABLE_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // ---- Client addresses, rate limits, sign-in throttling, codes, tokens and TOTP (issue 5, parts 3 and 4) ----
  /**
   * Which proxies may tell the client address (X-Forwarded-For): empty = nobody (the socket address counts), a hop
   * count (`1`), or a comma-separated list of IPs/CIDRs (`127.0.0.1,10.0.0.0/8`, also `loopback`, `uniquelocal`).
   */
  TRUST_PROXY: trustProxySchema,
  /** Named per-client limits, `points/seconds`: POSTs to /auth, public onboarding POSTs. */
  RATE_LIMIT_AUTH: ratePolicySchema.default({ points: 30, seconds: 60 }),
  RATE_LIMIT_PUBLIC_ONBOARDING: ratePolicySchema.default({ points: 60, seconds: 600 }),
  /** Sign-in: wrong passwords free per (phone, client), then delays doubling from BASE up to MAX seconds. */
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  LOGIN_DELAY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(2),
  LOGIN_DELAY_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Failures of one phone (all clients) per hour after which only clients with no failure on it may try. */
  LOGIN_PHONE_FAILURE_CEILING: z.coerce.number().int().min(1).max(100_000).default(30),
  /** One-time codes sent per hour: per phone (and purpose), per client, for the whole platform (SMS cost). */
  OTP_SENDS_PER_PHONE_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
  OTP_SENDS_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  OTP_SENDS_GLOBAL_PER_HOUR: z.coerce.number().int().min(1).max(10_000_000).default(2000),
  /** Wrong codes a phone may enter per day, across all its codes (a new code does not reset it). */
  OTP_FAILURES_PER_PHONE_PER_DAY: z.coerce.number().int().min(1).max(1000).default(10),
  /** Access tokens: issuer and audience claims, checked on every request. */
  JWT_ISSUER: z.string().min(1).default('nong-san-so-api'),
  JWT_AUDIENCE: z.string().min(1).default('nong-san-so'),
  /** A sign-in's refresh tokens stop working this long after the sign-in, however often refreshed (90 days). */
  REFRESH_FAMILY_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(31_536_000).default(7_776_000),
  /** Staff and admins must enrol TOTP before anything else ('true'); secrets are encrypted with TOTP_ENCRYPTION_KEY. */
  TOTP_REQUIRED_FOR_STAFF: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** 32 bytes, base64 or hex; without it TOTP enrolment is refused (no default: a secret). */
  TOTP_ENCRYPTION_KEY: z
    .string()
    .refine((v) => /^[0-9a-f]{64}$/i.test(v) || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, as 64 hex digits or base64')
    .optional(),
  // ---- end of issue 5 parts 3 and 4 ----
  /** The demo seed creates accounts with a published password: refused in production unless this is 'true'. */
  ALLOW_DEMO_SEED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // --- Production safety (issue 5, part 2). `undefined` means "the default of the environment": on in development,
  // off everywhere else; an explicit value wins.
  /** Address the API listens on. Behind a reverse proxy on the same host keep 127.0.0.1; in a container 0.0.0.0. */
  API_HOST: z.string().regex(/^[0-9a-fA-F.:]+$|^localhost$/, 'must be an IP address (e.g. 127.0.0.1, 0.0.0.0, ::)').default('127.0.0.1'),
  /** Serves the OpenAPI UI (/api/docs) and document (/api/docs-json) to anyone. */
  API_DOCS_PUBLIC: optionalFlag,
  /** `/api/health` answers with per-dependency details to anyone (otherwise only to admins; status alone for others). */
  HEALTH_DETAILS_PUBLIC: optionalFlag,
  /** Sends Strict-Transport-Security on API answers: set when the API is reached over HTTPS only. */
  HSTS_ENABLED: optionalFlag,
  /** Lifetime of the signed media URLs given to the owner, agent and staff for photos that are not public yet. */
  MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  // ---- Registration that is no oracle (issue 5, part 4) ----
  /**
   * HMAC-SHA256 key of the citizen-ID hash on which one registration per citizen ID and seller type is enforced.
   * No default: required unless NODE_ENV is development (there it falls back to a key derived from
   * JWT_ACCESS_SECRET). Changing it requires recomputing every seller's hash.
   */
  CITIZEN_ID_HASH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * AES-256-GCM key (base64 of 32 bytes) with which citizen IDs are stored encrypted. Same rule: no default, required
   * unless NODE_ENV is development (derived from JWT_ACCESS_SECRET there). Losing it loses the stored IDs.
   */
  CITIZEN_ID_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /** Seller registrations one agent may submit per window (429 with Retry-After above it). */
  AGENT_REGISTRATION_LIMIT: z.coerce.number().int().min(1).max(10_000).default(30),
  AGENT_REGISTRATION_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  // ---- Seller ledger (issue 6, part 8) ----
  /** The platform's commission on a completed order's items total, in basis points (500 = 5 %; rounded down). */
  PLATFORM_COMMISSION_BPS: z.coerce.number().int().min(0).max(10_000).default(500),
  // ---- Messages to phones (Zalo ZNS, SMS brandname via eSMS.vn): see messaging-config.ts ----
  ...messagingEnvShape,
  // ---- Orders: expiry, auto-completion, shipping fees (issue 6): see orders-config.ts ----
  ...ordersEnvShape,
  // ---- Payments (VNPay, VietQR bank transfer, bank feed): see payments-config.ts ----
  ...paymentsEnvShape,
  // ---- Traceability: stamps, the scan page (issue 7): see traceability-config.ts ----
  ...traceabilityEnvShape,
});

type ParsedEnv = z.infer<typeof envSchema>;

/** The names of every variable read (the `.env.example` test checks that each is documented there). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** The validated configuration plus the flags derived from NODE_ENV (resolved once, here). */
export type AppConfig = Omit<ParsedEnv, 'API_DOCS_PUBLIC' | 'HEALTH_DETAILS_PUBLIC' | 'HSTS_ENABLED'> & {
  /** True only for NODE_ENV=development: every development convenience hangs on this one flag. */
  isDevelopment: boolean;
  messaging: MessagingConfig;
  payments: PaymentsConfig;
  apiDocsPublic: boolean;
  healthDetailsPublic: boolean;
  hstsEnabled: boolean;
};

/**
 * Checks that refuse a configuration outside development (each returns a problem naming the variable, or null).
 * Features add theirs here, e.g. a provider URL that points at a local simulator.
 */
export const PRODUCTION_RULES: Array<(config: AppConfig) => string | null> = [
  (c) => (c.CITIZEN_ID_HASH_SECRET ? null : 'CITIZEN_ID_HASH_SECRET: required outside development'),
  (c) => (c.CITIZEN_ID_ENCRYPTION_KEY ? null : 'CITIZEN_ID_ENCRYPTION_KEY: required outside development'),
  (c) => (c.TRACE_SCAN_KEY ? null : 'TRACE_SCAN_KEY: required outside development'),
  // A buyer needs time at VNPay's page, and a bank transfer can take hours: short expiries are for tests only.
  (c) => (c.ORDER_EXPIRY_VNPAY_SECONDS >= 60 ? null : 'ORDER_EXPIRY_VNPAY_SECONDS: at least 60 outside development'),
  (c) => (c.ORDER_EXPIRY_BANK_TRANSFER_SECONDS >= 300 ? null : 'ORDER_EXPIRY_BANK_TRANSFER_SECONDS: at least 300 outside development'),
];

/** True for URLs of this machine (localhost, 127.0.0.0/8, ::1): development-only endpoints, for PRODUCTION_RULES. */
export function isLocalUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host) || host === '0.0.0.0';
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
  }
  const { API_DOCS_PUBLIC, HEALTH_DETAILS_PUBLIC, HSTS_ENABLED, ...rest } = parsed.data;
  const isDevelopment = rest.NODE_ENV === 'development';
  if (rest.TOTP_REQUIRED_FOR_STAFF && !rest.TOTP_ENCRYPTION_KEY) {
    throw new ConfigError(['TOTP_ENCRYPTION_KEY: required when TOTP_REQUIRED_FOR_STAFF is true (staff could not enrol)']);
  }
  // Messaging: development values and the simulator in development only (see messaging-config.ts).
  const messaging = resolveMessagingConfig(rest, isDevelopment);
  if (messaging.problems.length) throw new ConfigError(messaging.problems.map((p) => `${p} (NODE_ENV=${rest.NODE_ENV})`));
  // Payments: the VNPay simulator and development secrets in development only (see payments-config.ts).
  const payments = resolvePaymentsConfig(rest, isDevelopment);
  if (payments.problems.length) throw new ConfigError(payments.problems.map((p) => `${p} (NODE_ENV=${rest.NODE_ENV})`));
  const config: AppConfig = {
    ...rest,
    isDevelopment,
    messaging: messaging.config,
    payments: payments.config,
    apiDocsPublic: API_DOCS_PUBLIC ?? isDevelopment,
    healthDetailsPublic: HEALTH_DETAILS_PUBLIC ?? isDevelopment,
    hstsEnabled: HSTS_ENABLED ?? false,
  };
  if (!isDevelopment) {
    const problems = PRODUCTION_RULES.map((rule) => rule(config)).filter((p): p is string => p !== null);
    if (problems.length) throw new ConfigError(problems.map((p) => `${p} (NODE_ENV=${rest.NODE_ENV})`));
  }
  return config;
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** For a process entry point: the configuration, or a message naming each bad variable and exit code 1. */
export function loadConfigOrExit(processName: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[${processName}] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

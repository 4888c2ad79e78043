import { z } from 'zod';

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
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a mongodb:// or mongodb+srv:// URI'),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL'),
  JWT_ACCESS_SECRET: z.string().min(32, 'must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  MEDIA_DIR: z.string().min(1, 'must be a directory path'),
  PUBLIC_WEB_URL: z.url().default('http://localhost:4200'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(5 * 1024 * 1024),
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
  /** Where one-time codes go. Only `outbox` exists: no real SMS is sent by this build. */
  OTP_PROVIDER: z.enum(['outbox']).default('outbox'),
  /** The demo seed creates accounts with a published password: refused in production unless this is 'true'. */
  ALLOW_DEMO_SEED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Shows the one-time-code outbox over HTTP; never enable in production. */
  DEV_OUTBOX_ENABLED: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export type AppConfig = z.infer<typeof envSchema> & { devOutboxEnabled: boolean };

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
  const config = parsed.data;
  if (config.TOTP_REQUIRED_FOR_STAFF && !config.TOTP_ENCRYPTION_KEY) {
    throw new ConfigError(['TOTP_ENCRYPTION_KEY: required when TOTP_REQUIRED_FOR_STAFF is true (staff could not enrol)']);
  }
  const devOutboxEnabled = env['DEV_OUTBOX_ENABLED'] === undefined ? config.NODE_ENV !== 'production' : config.DEV_OUTBOX_ENABLED;
  return { ...config, devOutboxEnabled };
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

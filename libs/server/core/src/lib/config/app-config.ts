import { z } from 'zod';

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
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
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
  // ---- Registration that is no oracle (issue 5, part 4) ----
  /**
   * HMAC-SHA256 key of the citizen-ID hash on which one registration per citizen ID and seller type is enforced.
   * No default: required unless NODE_ENV is development or test (there it falls back to a key derived from
   * JWT_ACCESS_SECRET). Changing it requires recomputing every seller's hash.
   */
  CITIZEN_ID_HASH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * AES-256-GCM key (base64 of 32 bytes) with which citizen IDs are stored encrypted. Same rule: no default, required
   * unless NODE_ENV is development or test (derived from JWT_ACCESS_SECRET there). Losing it loses the stored IDs.
   */
  CITIZEN_ID_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /** Seller registrations one agent may submit per window (429 with Retry-After above it). */
  AGENT_REGISTRATION_LIMIT: z.coerce.number().int().min(1).max(10_000).default(30),
  AGENT_REGISTRATION_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
});

/** Registration settings that depend on each other (see the block above). */
function registrationConfigProblems(config: z.infer<typeof envSchema>): string[] {
  const relaxed = config.NODE_ENV === 'development' || config.NODE_ENV === 'test';
  if (relaxed) return [];
  return (['CITIZEN_ID_HASH_SECRET', 'CITIZEN_ID_ENCRYPTION_KEY'] as const)
    .filter((name) => !config[name])
    .map((name) => `${name}: required outside development and test`);
}

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
  const problems = registrationConfigProblems(config);
  if (problems.length) throw new ConfigError(problems);
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

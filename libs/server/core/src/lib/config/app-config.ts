import { z } from 'zod';
import { MessagingConfig, messagingEnvShape, resolveMessagingConfig } from './messaging-config';

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
  /** The demo seed creates accounts with a published password: refused in production unless this is 'true'. */
  ALLOW_DEMO_SEED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // ---- Messages to phones (Zalo ZNS, SMS brandname via eSMS.vn): see messaging-config.ts ----
  ...messagingEnvShape,
});

export type AppConfig = z.infer<typeof envSchema> & { messaging: MessagingConfig };

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
  // Messaging: development values and the simulator only in development and tests.
  const messaging = resolveMessagingConfig(config, config.NODE_ENV === 'development' || config.NODE_ENV === 'test');
  if (messaging.problems.length) throw new ConfigError(messaging.problems);
  return { ...config, messaging: messaging.config };
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

import { z } from 'zod';

/**
 * Messages to phones (notifications domain): Zalo ZNS and SMS brandname through eSMS.vn. In development (only)
 * every secret has a published development value and the URLs point at the messaging simulator (`npm start` and the
 * tests set them); anywhere else each secret must be given and no URL may point at this machine, so a production
 * process can never talk to the simulator or encrypt with a key printed in this file.
 */
export const messagingEnvShape = {
  /** Zalo ZNS API (POST {url}/message/template). */
  ZNS_API_URL: z.url().default('https://business.openapi.zalo.me'),
  /** Zalo OAuth (POST {url}/v4/oa/access_token). */
  ZALO_OAUTH_URL: z.url().default('https://oauth.zaloapp.com'),
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_APP_SECRET: z.string().min(1).optional(),
  /** The OA's first refresh token (from the OA admin's consent); used once, then rotated tokens live in the database. */
  ZALO_OA_REFRESH_TOKEN: z.string().min(1).optional(),
  /** The approved ZNS template of one-time codes (one parameter: `otp`). */
  ZNS_TEMPLATE_OTP: z.string().min(1).optional(),
  /** Secret of the ZNS delivery webhook signature (kept apart from the app secret: sources differ on which one). */
  ZNS_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** `mode: "development"` on ZNS sends (only the OA's admins receive them). */
  ZNS_DEVELOPMENT_MODE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** eSMS.vn REST API (POST {url}/MainService.svc/json/SendMultipleMessage_V4_post_json/). */
  ESMS_API_URL: z.url().default('https://rest.esms.vn'),
  ESMS_API_KEY: z.string().min(1).optional(),
  ESMS_SECRET_KEY: z.string().min(1).optional(),
  ESMS_BRANDNAME: z.string().min(1).optional(),
  /** `Sandbox: "1"`: eSMS accepts but sends and charges nothing. */
  ESMS_SANDBOX: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** The unguessable part of the eSMS delivery-report URL (eSMS does not sign its callbacks). */
  ESMS_CALLBACK_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /** AES-256-GCM key of message parameters (codes) at rest: 32 bytes, base64. */
  NOTIFICATIONS_DATA_KEY: z.string().optional(),
  /** How long to wait for a provider's answer before calling the send ambiguous (ms). */
  MESSAGING_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The API's public address, for the delivery-report URLs given to providers. */
  PUBLIC_API_URL: z.url().default('http://localhost:3000'),
};

export interface MessagingConfig {
  znsApiUrl: string;
  zaloOAuthUrl: string;
  zaloAppId: string;
  zaloAppSecret: string;
  zaloInitialRefreshToken: string;
  znsTemplateOtp: string;
  znsWebhookSecret: string;
  znsDevelopmentMode: boolean;
  esmsApiUrl: string;
  esmsApiKey: string;
  esmsSecretKey: string;
  esmsBrandname: string;
  esmsSandbox: boolean;
  esmsCallbackToken: string;
  dataKey: Buffer;
  publicApiUrl: string;
  timeoutMs: number;
}

export const messagingEnvSchema = z.object(messagingEnvShape);
type MessagingEnv = z.infer<typeof messagingEnvSchema>;

/** Development values: published here, hence refused outside development and tests. */
export const DEV_MESSAGING = {
  ZALO_APP_ID: 'dev-zalo-app',
  ZALO_APP_SECRET: 'dev-zalo-app-secret',
  ZALO_OA_REFRESH_TOKEN: 'dev-oa-refresh-token',
  ZNS_TEMPLATE_OTP: '100001',
  ZNS_WEBHOOK_SECRET: 'dev-zns-webhook-secret',
  ESMS_API_KEY: 'dev-esms-api-key',
  ESMS_SECRET_KEY: 'dev-esms-secret-key',
  ESMS_BRANDNAME: 'NongSanSo',
  ESMS_CALLBACK_TOKEN: 'dev-esms-callback-token-not-for-production',
  NOTIFICATIONS_DATA_KEY: Buffer.from('nss-development-only-data-key-32').toString('base64'),
} as const;

/** Names that may legitimately equal their development value (a brandname, a template id). */
const NOT_SECRET: ReadonlyArray<keyof typeof DEV_MESSAGING> = ['ESMS_BRANDNAME', 'ZNS_TEMPLATE_OTP'];

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|.*\.localhost)$/i;

/** The messaging settings, or the problems that stop the process (each naming its variable). */
export function resolveMessagingConfig(env: MessagingEnv, development: boolean): { config: MessagingConfig; problems: string[] } {
  const problems: string[] = [];
  const secret = (name: keyof typeof DEV_MESSAGING): string => {
    const value = env[name] as string | undefined;
    if (development) return value ?? DEV_MESSAGING[name];
    if (!value) problems.push(`${name}: required outside development`);
    else if (value === DEV_MESSAGING[name] && !NOT_SECRET.includes(name)) problems.push(`${name}: the development value is refused outside development`);
    return value ?? '';
  };
  if (!development) {
    for (const name of ['ZNS_API_URL', 'ZALO_OAUTH_URL', 'ESMS_API_URL', 'PUBLIC_API_URL'] as const) {
      const url = new URL(env[name]);
      if (LOCAL_HOST.test(url.hostname)) problems.push(`${name}: points at this machine (the simulator?) outside development`);
      else if (url.protocol !== 'https:') problems.push(`${name}: must be https outside development`);
    }
    if (env.ESMS_SANDBOX) problems.push('ESMS_SANDBOX: nothing would be sent; refused outside development');
  }
  const keyText = secret('NOTIFICATIONS_DATA_KEY');
  const dataKey = Buffer.from(keyText, 'base64');
  if (keyText && dataKey.length !== 32) problems.push('NOTIFICATIONS_DATA_KEY: must be 32 bytes in base64');
  const config: MessagingConfig = {
    znsApiUrl: env.ZNS_API_URL.replace(/\/+$/, ''),
    zaloOAuthUrl: env.ZALO_OAUTH_URL.replace(/\/+$/, ''),
    zaloAppId: secret('ZALO_APP_ID'),
    zaloAppSecret: secret('ZALO_APP_SECRET'),
    zaloInitialRefreshToken: secret('ZALO_OA_REFRESH_TOKEN'),
    znsTemplateOtp: secret('ZNS_TEMPLATE_OTP'),
    znsWebhookSecret: secret('ZNS_WEBHOOK_SECRET'),
    znsDevelopmentMode: env.ZNS_DEVELOPMENT_MODE,
    esmsApiUrl: env.ESMS_API_URL.replace(/\/+$/, ''),
    esmsApiKey: secret('ESMS_API_KEY'),
    esmsSecretKey: secret('ESMS_SECRET_KEY'),
    esmsBrandname: secret('ESMS_BRANDNAME'),
    esmsSandbox: env.ESMS_SANDBOX,
    esmsCallbackToken: secret('ESMS_CALLBACK_TOKEN'),
    dataKey,
    publicApiUrl: env.PUBLIC_API_URL.replace(/\/+$/, ''),
    timeoutMs: env.MESSAGING_TIMEOUT_MS,
  };
  return { config, problems };
}

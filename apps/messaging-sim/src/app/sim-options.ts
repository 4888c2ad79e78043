/**
 * The simulator's settings: the credentials it accepts (what Zalo and eSMS would have issued to us) and where it
 * sends delivery reports. Defaults are the published development values the API uses in development.
 */
export interface SimOptions {
  host: string;
  port: number;
  zaloAppId: string;
  zaloAppSecret: string;
  /** Also accept app ids `<zaloAppId>-<anything>`, each with its own tokens (parallel test files). */
  anyApp: boolean;
  /** The refresh token the OA admin's consent gave us (the first one; they rotate afterwards). */
  zaloRefreshToken: string;
  znsWebhookSecret: string;
  /** Where Zalo would POST `user_received_message` (the OA's webhook setting); none: no ZNS reports. */
  znsWebhookUrl: string | null;
  esmsApiKey: string;
  esmsSecretKey: string;
  /** Delay before a delivery report is sent (ms). */
  reportDelayMs: number;
  /** How long a "time out" control holds the request before answering (ms). */
  holdMs: number;
}

export function simOptionsFromEnv(env: NodeJS.ProcessEnv): SimOptions {
  return {
    host: env['SIM_HOST'] ?? '127.0.0.1',
    port: Number(env['SIM_PORT'] ?? 7400),
    zaloAppId: env['ZALO_APP_ID'] ?? 'dev-zalo-app',
    zaloAppSecret: env['ZALO_APP_SECRET'] ?? 'dev-zalo-app-secret',
    anyApp: env['SIM_ANY_APP'] === 'true',
    zaloRefreshToken: env['ZALO_OA_REFRESH_TOKEN'] ?? 'dev-oa-refresh-token',
    znsWebhookSecret: env['ZNS_WEBHOOK_SECRET'] ?? 'dev-zns-webhook-secret',
    znsWebhookUrl: env['SIM_ZNS_WEBHOOK_URL'] || null,
    esmsApiKey: env['ESMS_API_KEY'] ?? 'dev-esms-api-key',
    esmsSecretKey: env['ESMS_SECRET_KEY'] ?? 'dev-esms-secret-key',
    reportDelayMs: Number(env['SIM_REPORT_DELAY_MS'] ?? 300),
    holdMs: Number(env['SIM_HOLD_MS'] ?? 30_000),
  };
}

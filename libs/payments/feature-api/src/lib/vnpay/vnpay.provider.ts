import type { Provider } from '@nestjs/common';
import { Vnpay } from '@nss/vnpay';
import { APP_CONFIG, type AppConfig } from '@nss/server-core';

/** The VNPay SDK, configured for this merchant (the simulator in development, VNPay elsewhere: configuration only). */
export const vnpayProvider: Provider = {
  provide: Vnpay,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    new Vnpay({ tmnCode: config.payments.vnpayTmnCode, hashSecret: config.payments.vnpayHashSecret, gatewayUrl: config.payments.vnpayGatewayUrl, timeoutMs: 10_000 }),
};

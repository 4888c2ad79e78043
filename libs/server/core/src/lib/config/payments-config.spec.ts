import { DEV_PAYMENTS, resolvePaymentsConfig } from './payments-config';

const production = {
  VNPAY_TMN_CODE: 'NSSPROD1',
  VNPAY_HASH_SECRET: 'a-real-vnpay-hash-secret',
  VNPAY_GATEWAY_URL: 'https://pay.vnpay.vn/',
  PAYMENT_BANK_BIN: '970415',
  PAYMENT_BANK_ACCOUNT: '0011001932418',
  PAYMENT_BANK_ACCOUNT_NAME: 'CONG TY NONG SAN SO',
  BANK_FEED_API_KEY: 'a-real-bank-feed-key-0123456789',
  PUBLIC_API_URL: 'https://api.nongsanso.vn/',
  PUBLIC_WEB_URL: 'https://nongsanso.vn',
};

describe('payments configuration', () => {
  it('runs development on the simulator and the published development values', () => {
    const { config, problems } = resolvePaymentsConfig({ PUBLIC_API_URL: 'http://localhost:3000', PUBLIC_WEB_URL: 'http://localhost:4200' }, true);
    expect(problems).toEqual([]);
    expect(config.vnpayGatewayUrl).toBe(DEV_PAYMENTS.VNPAY_GATEWAY_URL);
    expect(config.vnpayHashSecret).toBe(DEV_PAYMENTS.VNPAY_HASH_SECRET);
    expect(config.bankFeedApiKey).toBe(DEV_PAYMENTS.BANK_FEED_API_KEY);
  });

  it('accepts production with the real gateway and secrets of its own (trailing slashes dropped)', () => {
    const { config, problems } = resolvePaymentsConfig(production, false);
    expect(problems).toEqual([]);
    expect(config.vnpayGatewayUrl).toBe('https://pay.vnpay.vn');
    expect(config.publicApiUrl).toBe('https://api.nongsanso.vn');
  });

  it('refuses production without a secret, with a development secret, or pointed at this machine or plain http', () => {
    const problems = (env: Partial<typeof production>) => resolvePaymentsConfig({ ...production, ...env }, false).problems.join('\n');
    expect(problems({ VNPAY_HASH_SECRET: undefined })).toContain('VNPAY_HASH_SECRET: required');
    expect(problems({ VNPAY_TMN_CODE: undefined })).toContain('VNPAY_TMN_CODE: required');
    expect(problems({ BANK_FEED_API_KEY: DEV_PAYMENTS.BANK_FEED_API_KEY })).toContain('BANK_FEED_API_KEY: the development value');
    expect(problems({ VNPAY_HASH_SECRET: DEV_PAYMENTS.VNPAY_HASH_SECRET })).toContain('VNPAY_HASH_SECRET: the development value');
    expect(problems({ VNPAY_GATEWAY_URL: 'http://127.0.0.1:7300' })).toContain('VNPAY_GATEWAY_URL: points at this machine');
    expect(problems({ VNPAY_GATEWAY_URL: 'http://sandbox.vnpayment.vn' })).toContain('VNPAY_GATEWAY_URL: must be https');
    expect(problems({ PUBLIC_WEB_URL: 'http://localhost:4200' })).toContain('PUBLIC_WEB_URL: points at this machine');
  });
});

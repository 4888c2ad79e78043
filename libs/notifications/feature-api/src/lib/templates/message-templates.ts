import type { MessagingConfig } from '@nss/server-core';
import type { MessageParams } from '../outbox/message-cipher';

/**
 * What each kind of message says, per channel. ZNS sends an approved template id with its parameters (Zalo renders
 * the text); SMS sends our text, without accents so that a code fits one 160-character GSM-7 part, naming the brand
 * (carriers require customer-care texts to be registered: keep these in line with the registered ones).
 */
export interface MessageTemplate {
  key: string;
  /** The parameters hold a secret (a one-time code). */
  secret: boolean;
  /** How long the message is worth sending. */
  validForMs: number;
  zns?: { templateId(config: MessagingConfig): string; data(params: MessageParams): Record<string, string> };
  sms(params: MessageParams): string;
}

const CODE_VALID_MS = 10 * 60 * 1000;

function otpTemplate(key: string, what: string): MessageTemplate {
  return {
    key,
    secret: true,
    validForMs: CODE_VALID_MS,
    zns: { templateId: (config) => config.znsTemplateOtp, data: (params) => ({ otp: params['code'] ?? '' }) },
    sms: (params) =>
      `NongSanSo: Ma xac nhan ${what} cua ban la ${params['code'] ?? ''}. Ma co hieu luc 10 phut. Khong chia se ma nay cho bat ky ai.`,
  };
}

export const MESSAGE_TEMPLATES: Record<string, MessageTemplate> = {
  // A notice without a secret: SMS only until a ZNS template is approved for it; replayable from the dead letters.
  'account.password_changed': {
    key: 'account.password_changed',
    secret: false,
    validForMs: 24 * 3600 * 1000,
    sms: () => 'NongSanSo: Mat khau tai khoan cua ban vua duoc doi. Neu khong phai ban, hay lien he ho tro ngay.',
  },
  'otp.handover': otpTemplate('otp.handover', 'nhan ban giao tai khoan'),
  'otp.password_reset': otpTemplate('otp.password_reset', 'dat lai mat khau'),
  'otp.phone_verification': otpTemplate('otp.phone_verification', 'so dien thoai'),
};

export type MessageTemplateKey = keyof typeof MESSAGE_TEMPLATES;

export function templateOf(key: string): MessageTemplate {
  const template = MESSAGE_TEMPLATES[key];
  if (!template) throw new Error(`Unknown message template "${key}"`);
  return template;
}

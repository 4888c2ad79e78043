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

/** Text entered by people (a carrier's name, a tracking code) made GSM-safe: no diacritics, printable ASCII, cut to `max`. */
export function smsSafe(text: string | undefined, max: number): string {
  const plain = (text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? plain.slice(0, max) : plain;
}

/** "1.250.000d": grouped with dots, GSM-safe đồng sign. */
export function smsVnd(amount: string | undefined): string {
  const digits = String(Math.max(0, Math.trunc(Number(amount ?? '0')) || 0));
  return `${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}d`;
}

const ORDER_NOTICE_VALID_MS = 3 * 24 * 3600 * 1000;

/** An order notice: not secret, SMS only until ZNS templates are approved for it. Parameter `code` is the order code. */
function orderNotice(key: string, sms: (params: MessageParams) => string): MessageTemplate {
  return { key, secret: false, validForMs: ORDER_NOTICE_VALID_MS, sms: (params) => sms({ ...params, code: smsSafe(params['code'], 12) }) };
}

export const MESSAGE_TEMPLATES: Record<string, MessageTemplate> = {
  // ---- Orders (issue 6): to the buyer unless named "seller" ----
  'order.placed': orderNotice('order.placed', (p) => `NongSanSo: Don hang ${p['code']} da duoc dat, tong ${smsVnd(p['total'])}. Theo doi trong muc Don hang cua ban.`),
  'order.seller_new': orderNotice('order.seller_new', (p) => `NongSanSo: Ban co don hang moi ${p['code']} (${smsVnd(p['total'])}). Vui long xac nhan trong muc Don hang nguoi ban.`),
  'order.paid': orderNotice('order.paid', (p) => `NongSanSo: Da nhan thanh toan ${smsVnd(p['total'])} cho don ${p['code']}. Nguoi ban se chuan bi hang som.`),
  'order.accepted': orderNotice('order.accepted', (p) => `NongSanSo: Don hang ${p['code']} da duoc nguoi ban xac nhan va dang duoc chuan bi.`),
  'order.shipped': orderNotice('order.shipped', (p) => `NongSanSo: Don hang ${p['code']} da giao cho ${smsSafe(p['carrier'], 30)}, ma van don ${smsSafe(p['trackingCode'], 40)}.`),
  'order.delivered': orderNotice('order.delivered', (p) => `NongSanSo: Don hang ${p['code']} da giao thanh cong. Cam on ban da mua hang!`),
  'order.cancelled': orderNotice('order.cancelled', (p) => `NongSanSo: Don hang ${p['code']} da bi huy. Neu ban da thanh toan, tien se duoc hoan lai.`),
  'order.seller_cancelled': orderNotice('order.seller_cancelled', (p) => `NongSanSo: Don hang ${p['code']} da bi huy, khong can giao. Hang da duoc tra lai kho.`),
  'order.refunded': orderNotice('order.refunded', (p) => `NongSanSo: Da hoan ${smsVnd(p['amount'])} cho don hang ${p['code']}. Tien se ve tai khoan cua ban trong vai ngay.`),

  // ---- Reporting (issue 8): to province staff when the automatic monthly report is ready (`month` = 11/2026). ----
  'report.monthly_ready': {
    key: 'report.monthly_ready',
    secret: false,
    validForMs: 7 * 24 * 3600 * 1000,
    sms: (p) =>
      `NongSanSo: Bao cao thang ${smsSafe(p['month'], 7)} cua ${smsSafe(p['province'], 30)} da san sang, tai ve trong muc Bao cao. / The ${smsSafe(p['month'], 7)} report is ready.`,
  },

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

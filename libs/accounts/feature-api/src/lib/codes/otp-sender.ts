import type { OtpPurpose } from '@nss/contracts';

/** A code on its way to a phone. `code` is only for the transport: never log it. */
export interface OtpMessage {
  phone: string;
  purpose: OtpPurpose;
  code: string;
}

/** Delivers one-time codes (SMS, Zalo ZNS…). This build has only the development outbox. */
export interface OtpSender {
  send(message: OtpMessage): Promise<void>;
}

/** Injection token of the OtpSender. */
export const OTP_SENDER = Symbol('OTP_SENDER');

/** The Vietnamese text of the message (SMS-sized, no personal data besides the code). */
export function otpText(purpose: OtpPurpose, code: string): string {
  const what =
    purpose === 'handover' ? 'nhận bàn giao tài khoản người bán' : purpose === 'phone_verification' ? 'xác minh số điện thoại' : 'đặt lại mật khẩu';
  return `Nông Sàn Số: mã xác nhận ${what} của bạn là ${code}. Mã có hiệu lực 10 phút. Không chia sẻ mã này cho bất kỳ ai.`;
}

import type { OtpPurpose } from '@nss/contracts';

/** A code on its way to a phone. `code` is only for the transport: never log it. */
export interface OtpMessage {
  phone: string;
  purpose: OtpPurpose;
  code: string;
  /** The id of the issued code: the event that the message belongs to (one message per code). */
  codeId: string;
}

/** Delivers one-time codes. The application's sender writes a message to the notifications outbox (ZNS, then SMS). */
export interface OtpSender {
  send(message: OtpMessage): Promise<void>;
}

/** Injection token of the OtpSender. */
export const OTP_SENDER = Symbol('OTP_SENDER');

import { Injectable } from '@nestjs/common';
import { MessageOutbox } from '@nss/notifications-api';
import { OtpMessage, OtpSender } from './otp-sender';

/**
 * One-time codes go out as notifications: one outbox message per issued code (Zalo ZNS, SMS as the fallback),
 * its code sealed at rest and delivered by the worker.
 */
@Injectable()
export class NotificationOtpSender implements OtpSender {
  constructor(private readonly outbox: MessageOutbox) {}

  async send(message: OtpMessage): Promise<void> {
    await this.outbox.send({
      eventKey: `otp:${message.codeId}`,
      template: `otp.${message.purpose}`,
      phone: message.phone,
      params: { code: message.code },
    });
  }
}

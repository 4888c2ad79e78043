import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { OutboxMessage } from '@nss/contracts';
import { OtpMessage, OtpSender, otpText } from './otp-sender';
import { OtpOutboxMessage } from './otp-outbox.schema';

/** The development OtpSender: writes each message to the otp_outbox collection instead of sending an SMS. */
@Injectable()
export class OutboxOtpSender implements OtpSender {
  constructor(@InjectModel(OtpOutboxMessage.name) private readonly model: Model<OtpOutboxMessage>) {}

  async send(message: OtpMessage): Promise<void> {
    await this.model.create({ ...message, text: otpText(message.purpose, message.code) });
  }

  /** Newest first. */
  async list(filter: { phone?: string; limit: number }): Promise<OutboxMessage[]> {
    const docs = await this.model
      .find(filter.phone ? { phone: filter.phone } : {})
      .sort({ createdAt: -1, _id: -1 })
      .limit(filter.limit)
      .exec();
    return docs.map((doc) => ({
      id: doc.id as string,
      phone: doc.phone,
      purpose: doc.purpose,
      code: doc.code,
      text: doc.text,
      createdAt: doc.createdAt.toISOString(),
    }));
  }
}

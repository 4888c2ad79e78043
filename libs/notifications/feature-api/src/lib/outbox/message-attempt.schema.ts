import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';
import type { MessageChannel } from '@nss/contracts';

export type AttemptState = 'sending' | 'accepted' | 'delivered' | 'failed';

/**
 * One try of a message on one channel. Its id travels as ZNS `tracking_id` and eSMS `RequestId`, so delivery
 * reports find it; the provider's message id (ZNS msg_id, eSMS SMSID) is kept to de-duplicate reports.
 */
@Schema({ collection: 'notification_attempts', timestamps: true })
export class MessageAttempt {
  @Prop({ type: 'ObjectId', required: true })
  messageId!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: ['zns', 'sms'] })
  channel!: MessageChannel;

  @Prop({ type: String, required: true, enum: ['sending', 'accepted', 'delivered', 'failed'] })
  state!: AttemptState;

  @Prop({ type: String, default: null })
  providerMessageId!: string | null;

  /** Provider code and meaning (no personal data). */
  @Prop({ type: String, default: null })
  error!: string | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type MessageAttemptDocument = HydratedDocument<MessageAttempt>;
export const MessageAttemptSchema = SchemaFactory.createForClass(MessageAttempt);

// A message's attempts in order: find({ messageId }).sort({ _id: 1 }).
MessageAttemptSchema.index({ messageId: 1, _id: 1 });

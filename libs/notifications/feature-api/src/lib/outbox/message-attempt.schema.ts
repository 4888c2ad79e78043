import { createHash } from 'node:crypto';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types, type HydratedDocument } from 'mongoose';
import type { MessageChannel } from '@nss/contracts';

/**
 * sending: recorded before the provider is called, and kept while the outcome is unknown (no answer yet, a timeout,
 * or the worker died): the provider may have accepted it. failed: the provider definitely did not take it.
 */
export type AttemptState = 'sending' | 'accepted' | 'delivered' | 'failed';

/**
 * The send of a message on one channel (per delivery generation): every try of that send reuses this document and its
 * id (attemptIdFor), which travels as ZNS `tracking_id` and eSMS `RequestId`, so a retry is the same request to the
 * provider (eSMS refuses a repeated RequestId) and delivery reports find it; the provider's message id (ZNS msg_id,
 * eSMS SMSID) is kept to de-duplicate reports.
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

  /** When the current run of tries that may have reached the provider began (eSMS de-duplicates within a day only). */
  @Prop({ type: Date, default: null })
  sendingSince!: Date | null;

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

/**
 * The attempt id of a message's send on a channel, derived from the message (not new per try): the same for every try
 * of that send, so a retry after a lost answer or a lost record reuses the provider's idempotency key, and the unique
 * `_id` lets one such attempt exist. A replay (next generation) is a new send. 4 bytes: the message's creation time
 * (ids keep their time order, like any ObjectId); 8 bytes: SHA-256 of message id, channel and generation. 24 hex
 * characters: a valid ZNS tracking_id (≤ 48, no special characters) and eSMS RequestId (≤ 50).
 */
export function attemptIdFor(messageId: Types.ObjectId, channel: MessageChannel, generation: number): Types.ObjectId {
  const hex = messageId.toHexString();
  const digest = createHash('sha256').update(`${hex}:${channel}:${generation}`).digest('hex');
  return new Types.ObjectId(`${hex.slice(0, 8)}${digest.slice(0, 16)}`);
}

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import type { MessageChannel, MessageState } from '@nss/contracts';

/**
 * One message to one phone, written when its business event happens (a code issued, an order placed). The worker
 * delivers it through its channels in order (ZNS first, SMS as the fallback); each try is a MessageAttempt.
 */
@Schema({ collection: 'notification_messages', timestamps: true })
export class NotificationMessage {
  /** Event key + first channel, unique: the same event never makes a second message. */
  @Prop({ type: String, required: true })
  key!: string;

  /** A template of message-templates.ts, e.g. `otp.handover`. */
  @Prop({ type: String, required: true })
  template!: string;

  /** National form, 0 + 9 digits. */
  @Prop({ type: String, required: true })
  phone!: string;

  /** AES-256-GCM of the template parameters (MessageCipher); null once no send can need them. */
  @Prop({ type: String, default: null })
  sealedParams!: string | null;

  /** The parameters hold a secret (a one-time code): never resend ZNS after an ambiguous timeout, never replay. */
  @Prop({ type: Boolean, required: true })
  secret!: boolean;

  @Prop({ type: [String], required: true })
  channels!: MessageChannel[];

  /** Index into `channels` of the channel being tried. */
  @Prop({ type: Number, default: 0 })
  channelIndex!: number;

  @Prop({ type: String, required: true, enum: ['queued', 'sent', 'delivered', 'dead'] })
  state!: MessageState;

  /** Bumped by each replay: the job id of the delivery (idempotent enqueueing) includes it. */
  @Prop({ type: Number, default: 0 })
  generation!: number;

  @Prop({ type: Number, default: 0 })
  attempts!: number;

  /** e.g. `zns:-118 no Zalo account`: a provider code and its meaning, never personal data. */
  @Prop({ type: String, default: null })
  lastError!: string | null;

  /** Not worth sending after this (a code past its validity). */
  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  sentAt!: Date | null;

  @Prop({ type: Date, default: null })
  deliveredAt!: Date | null;

  @Prop({ type: Date, default: null })
  deadAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type NotificationMessageDocument = HydratedDocument<NotificationMessage>;
export const NotificationMessageSchema = SchemaFactory.createForClass(NotificationMessage);

// Idempotency of the outbox: insert fails on a second message for the same event and channel.
NotificationMessageSchema.index({ key: 1 }, { unique: true });
// Admin dead-letter list, newest first: find({ state: 'dead' }).sort({ deadAt: -1 }).
NotificationMessageSchema.index({ state: 1, deadAt: -1 });
// Outbox relay: find({ state: 'queued', updatedAt: { $lt } }).sort({ updatedAt: 1 }).
NotificationMessageSchema.index({ state: 1, updatedAt: 1 });
// Tests and support: a phone's messages, newest first.
NotificationMessageSchema.index({ phone: 1, createdAt: -1 });

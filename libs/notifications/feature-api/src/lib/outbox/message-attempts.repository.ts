import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { MessageChannel } from '@nss/contracts';
import { isDuplicateKeyError } from '@nss/server-core';
import { AttemptState, MessageAttempt, MessageAttemptDocument } from './message-attempt.schema';

/** Queries of notification_attempts (one document per send of a message on a channel: its tries reuse it). */
@Injectable()
export class MessageAttemptsRepository {
  constructor(@InjectModel(MessageAttempt.name) private readonly model: Model<MessageAttempt>) {}

  /**
   * The attempt `id`, recorded as `sending` before the provider is called; `created` false when an earlier try
   * made it (its state says what that try left: accepted, failed, or still unknown).
   */
  async open(id: Types.ObjectId, messageId: Types.ObjectId, channel: MessageChannel, now: Date): Promise<{ attempt: MessageAttemptDocument; created: boolean }> {
    try {
      const attempt = await this.model.create({ _id: id, messageId, channel, state: 'sending', providerMessageId: null, error: null, sendingSince: now });
      return { attempt, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const attempt = await this.model.findById(id).exec();
      if (!attempt) throw error;
      return { attempt, created: false };
    }
  }

  /** A failed attempt tried again (the provider took nothing): `sending` again from `now`; false if it was not failed. */
  async resume(id: Types.ObjectId, now: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, state: 'failed' }, { $set: { state: 'sending', error: null, sendingSince: now } }).exec();
    return result.matchedCount === 1;
  }

  /** Notes why a try's outcome is unknown; the attempt stays `sending` (the provider may have accepted it). */
  async noteUnknown(id: Types.ObjectId, error: string): Promise<void> {
    await this.model.updateOne({ _id: id, state: 'sending' }, { $set: { error } }).exec();
  }

  /** The attempt a delivery report names (its tracking_id / RequestId), or null for an id we never issued. */
  findById(id: string): Promise<MessageAttemptDocument | null> {
    if (!/^[0-9a-f]{24}$/.test(id)) return Promise.resolve(null);
    return this.model.findById(id).exec();
  }

  async finish(id: Types.ObjectId, from: AttemptState[], set: { state: AttemptState; providerMessageId?: string | null; error?: string | null }): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, state: { $in: from } }, { $set: set }).exec();
    return result.matchedCount === 1;
  }

  forMessage(messageId: Types.ObjectId): Promise<MessageAttemptDocument[]> {
    return this.model.find({ messageId }).sort({ _id: 1 }).exec();
  }
}

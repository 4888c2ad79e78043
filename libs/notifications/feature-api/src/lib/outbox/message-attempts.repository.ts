import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { MessageChannel } from '@nss/contracts';
import { AttemptState, MessageAttempt, MessageAttemptDocument } from './message-attempt.schema';

/** Queries of notification_attempts (one document per try of a message on a channel). */
@Injectable()
export class MessageAttemptsRepository {
  constructor(@InjectModel(MessageAttempt.name) private readonly model: Model<MessageAttempt>) {}

  start(messageId: Types.ObjectId, channel: MessageChannel): Promise<MessageAttemptDocument> {
    return this.model.create({ messageId, channel, state: 'sending', providerMessageId: null, error: null });
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

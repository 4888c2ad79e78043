import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types, isValidObjectId } from 'mongoose';
import type { MessageState } from '@nss/contracts';
import { NotificationMessage, NotificationMessageDocument } from './message.schema';
import { isDuplicateKeyError } from '@nss/server-core';

export type NewMessage = Pick<NotificationMessage, 'key' | 'template' | 'phone' | 'secret' | 'channels' | 'expiresAt'> & {
  _id: Types.ObjectId;
  sealedParams: string;
};

/**
 * Queries of notification_messages. State changes keep their guard in the filter (atomic on MongoDB) and are made by
 * callers holding the message's DocumentLocks lock (FerretDB's guarded updates are not atomic).
 */
@Injectable()
export class MessagesRepository {
  constructor(@InjectModel(NotificationMessage.name) private readonly model: Model<NotificationMessage>) {}

  /** The new message, or null if one with the same key exists (the unique index decides, on both backends). */
  async insertOnce(doc: NewMessage): Promise<NotificationMessageDocument | null> {
    try {
      return await this.model.create({ ...doc, state: 'queued', channelIndex: 0, generation: 0, attempts: 0 });
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  findByKey(key: string): Promise<NotificationMessageDocument | null> {
    return this.model.findOne({ key }).exec();
  }

  findById(id: string): Promise<NotificationMessageDocument | null> {
    if (!isValidObjectId(id) || !/^[0-9a-f]{24}$/.test(id)) return Promise.resolve(null);
    return this.model.findById(id).exec();
  }

  /** Sets fields if the message is still in one of `from`; false if it was not. */
  async update(id: Types.ObjectId, from: MessageState[], set: Partial<NotificationMessage>, inc?: { attempts?: number; generation?: number }): Promise<boolean> {
    const result = await this.model
      .updateOne({ _id: id, state: { $in: from } }, { $set: set, ...(inc ? { $inc: inc } : {}) })
      .exec();
    return result.matchedCount === 1;
  }

  /** Messages still waiting for the worker that nothing touched since `before` (their job may be lost). */
  findStaleQueued(before: Date, limit: number): Promise<NotificationMessageDocument[]> {
    return this.model.find({ state: 'queued', updatedAt: { $lt: before } }).sort({ updatedAt: 1 }).limit(limit).exec();
  }

  /** Dead-lettered messages, newest first. */
  listDead(limit: number): Promise<NotificationMessageDocument[]> {
    return this.model.find({ state: 'dead' }).sort({ deadAt: -1, _id: -1 }).limit(limit).exec();
  }
}

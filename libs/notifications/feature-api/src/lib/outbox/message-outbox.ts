import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Types } from 'mongoose';
import type { MessageChannel } from '@nss/contracts';
import { NotificationJobs, QUEUES, notificationJobId } from '@nss/server-core';
import { normalizeVnMobile } from '@nss/util-vn';
import { templateOf } from '../templates/message-templates';
import { MessageCipher, MessageParams } from './message-cipher';
import { MessagesRepository } from './messages.repository';

export interface OutgoingMessage {
  /** The business event, unique per message it should produce: e.g. `otp:<code id>`, `order-placed:<order id>`. */
  eventKey: string;
  /** A key of MESSAGE_TEMPLATES. */
  template: string;
  phone: string;
  params: MessageParams;
}

/** Delivery jobs: 6 tries, 2 s doubling (2, 4, 8, 16, 32 s): well inside a code's 10 minutes. */
export const DELIVERY_JOB_OPTIONS = { attempts: 6, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: 1000, removeOnFail: 5000 };

/**
 * The message outbox: other domains call `send` when their event happens. It writes one message per event and
 * channel (a second call for the same event finds the first) and queues its delivery by id; the worker sends it.
 */
@Injectable()
export class MessageOutbox {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly cipher: MessageCipher,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {}

  async send(message: OutgoingMessage, now = new Date()): Promise<{ id: string; created: boolean }> {
    const template = templateOf(message.template);
    const phone = normalizeVnMobile(message.phone);
    if (!phone) throw new Error('MessageOutbox.send: not a Vietnamese mobile number');
    const channels: MessageChannel[] = template.zns ? ['zns', 'sms'] : ['sms'];
    const key = `${message.eventKey}:${channels[0]}`;
    const id = new Types.ObjectId();
    const created = await this.messages.insertOnce({
      _id: id,
      key,
      template: template.key,
      phone,
      secret: template.secret,
      channels,
      expiresAt: new Date(now.getTime() + template.validForMs),
      sealedParams: this.cipher.encrypt(message.params, id.toHexString()),
    });
    const doc = created ?? (await this.messages.findByKey(key));
    if (!doc) throw new Error('MessageOutbox.send: message vanished after a duplicate key');
    // Queued again for an existing message too: harmless (same job id), and it heals an enqueue lost to a crash.
    if (doc.state === 'queued') await this.enqueue(doc.id as string, doc.generation);
    return { id: doc.id as string, created: created !== null };
  }

  async enqueue(messageId: string, generation: number): Promise<void> {
    const data: NotificationJobs['message.deliver'] = { messageId };
    await this.queue.add('message.deliver', data, { ...DELIVERY_JOB_OPTIONS, jobId: notificationJobId(data, generation) });
  }
}

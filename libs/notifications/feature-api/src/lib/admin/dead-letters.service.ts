import { Injectable } from '@nestjs/common';
import type { DeadLetter, MessageChannel, ReplayResult } from '@nss/contracts';
import { AppError, DocumentLocks } from '@nss/server-core';
import { maskPhone } from '@nss/util-vn';
import { MessageOutbox } from '../outbox/message-outbox';
import { NotificationMessageDocument } from '../outbox/message.schema';
import { MessagesRepository } from '../outbox/messages.repository';

function toDeadLetter(doc: NotificationMessageDocument): DeadLetter {
  return {
    id: doc.id as string,
    template: doc.template,
    phoneMasked: maskPhone(doc.phone),
    channel: (doc.channels[doc.channelIndex] ?? doc.channels[doc.channels.length - 1]) as MessageChannel,
    attempts: doc.attempts,
    lastError: doc.lastError,
    replayable: doc.sealedParams !== null,
    createdAt: doc.createdAt.toISOString(),
    deadAt: doc.deadAt ? doc.deadAt.toISOString() : null,
  };
}

/** The dead-letter list for admins (no parameters, phones masked) and the replay of one message. */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly outbox: MessageOutbox,
    private readonly locks: DocumentLocks,
  ) {}

  async list(limit: number): Promise<DeadLetter[]> {
    return (await this.messages.listDead(limit)).map(toDeadLetter);
  }

  /**
   * Sends a dead-lettered message again from its first channel, as a new delivery generation. A message whose
   * parameters were erased (a one-time code: ask the user for a new code) cannot be replayed.
   */
  async replay(id: string, now = new Date()): Promise<ReplayResult> {
    const message = await this.messages.findById(id);
    if (!message) throw AppError.notFound('Tin nhắn', 'Message');
    if (message.state !== 'dead') throw AppError.conflict('NOT_DEAD_LETTERED', 'Tin nhắn không nằm trong danh sách lỗi', 'The message is not dead-lettered');
    if (!message.sealedParams) {
      throw AppError.conflict('NOT_REPLAYABLE', 'Tin nhắn chứa mã xác nhận đã hết giá trị, không gửi lại được', 'The message carried a code that is no longer valid: it cannot be sent again');
    }
    const generation = message.generation + 1;
    const changed = await this.locks.run('notification-message', id, () =>
      this.messages.update(message._id, ['dead'], {
        state: 'queued',
        channelIndex: 0,
        deadAt: null,
        generation,
        expiresAt: new Date(Math.max(message.expiresAt.getTime(), now.getTime() + 24 * 3600 * 1000)),
      }),
    );
    if (!changed) throw AppError.conflict('NOT_DEAD_LETTERED', 'Tin nhắn không nằm trong danh sách lỗi', 'The message is not dead-lettered');
    await this.outbox.enqueue(id, generation);
    return { id, state: 'queued' };
  }
}

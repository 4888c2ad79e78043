import { Injectable, Logger } from '@nestjs/common';
import type { MessageChannel, MessageState } from '@nss/contracts';
import { DocumentLocks } from '@nss/server-core';
import { ChannelAdapter, ChannelOutcome } from '../channels/channel-outcome';
import { EsmsChannel } from '../channels/sms/esms-channel';
import { ZnsChannel } from '../channels/zns/zns-channel';
import { MessageAttemptsRepository } from '../outbox/message-attempts.repository';
import { MessageCipher } from '../outbox/message-cipher';
import { NotificationMessage, NotificationMessageDocument } from '../outbox/message.schema';
import { MessagesRepository } from '../outbox/messages.repository';
import { templateOf } from '../templates/message-templates';

/** A transient failure: the job is retried with backoff (BullMQ attempts). Carries no personal data. */
export class DeliveryRetryError extends Error {
  constructor(reason: string) {
    super(`Message delivery will be retried (${reason})`);
    this.name = 'DeliveryRetryError';
  }
}

export interface DeliveryResult {
  state: MessageState | 'missing';
  channel?: MessageChannel;
  /** Dead-lettered for a reason no retry can fix (the job fails with UnrecoverableError). */
  permanent?: boolean;
}

type Next = 'next-channel' | 'retry' | 'dead';

/** What to do after a failed try, for this channel and message. */
export function nextStep(outcome: ChannelOutcome, channel: MessageChannel, secret: boolean): Next {
  switch (outcome.kind) {
    case 'fallback':
      return 'next-channel';
    case 'permanent':
      // ZNS failing for good still leaves SMS; SMS failing for good leaves nothing.
      return channel === 'zns' ? 'next-channel' : 'dead';
    case 'ambiguous':
      // Zalo does not de-duplicate tracking_id: a code that may have gone by ZNS goes again by SMS, never by ZNS.
      return channel === 'zns' && secret ? 'next-channel' : 'retry';
    default:
      return 'retry';
  }
}

/**
 * Delivers one message from the outbox (called by the worker's job, and in tests directly): tries its current
 * channel, classifies the answer, and moves on to the next channel, asks for a retry, or dead-letters. Every change
 * of the message is made under its lock, so a delivery report arriving meanwhile is never overwritten.
 */
@Injectable()
export class MessageDelivery {
  private readonly logger = new Logger(MessageDelivery.name);
  private readonly adapters: Record<MessageChannel, ChannelAdapter>;

  constructor(
    private readonly messages: MessagesRepository,
    private readonly attempts: MessageAttemptsRepository,
    private readonly cipher: MessageCipher,
    private readonly locks: DocumentLocks,
    zns: ZnsChannel,
    sms: EsmsChannel,
  ) {
    this.adapters = { zns, sms };
  }

  /** `lastTry`: no retry will follow (the job's last attempt): a transient failure moves on or dead-letters. */
  async deliver(messageId: string, options: { lastTry?: boolean } = {}, now = new Date()): Promise<DeliveryResult> {
    const message = await this.messages.findById(messageId);
    if (!message || message.state !== 'queued') return { state: message?.state ?? 'missing' };
    if (message.expiresAt <= now) return this.deadLetter(message, 'expired before delivery', false);
    if (!message.sealedParams) return this.deadLetter(message, 'parameters erased', true);
    const params = this.cipher.decrypt(message.sealedParams, message.id as string);
    const template = templateOf(message.template);
    let index = message.channelIndex;
    let openAttemptId = message.openAttemptId;
    while (index < message.channels.length) {
      const channel = message.channels[index] as MessageChannel;
      const reopened = channel === 'sms' && openAttemptId ? await this.attempts.findById(openAttemptId) : null;
      const attempt = reopened ?? (await this.attempts.start(message._id, channel));
      await this.change(message, {}, { attempts: 1 });
      const outcome = await this.adapters[channel].send({ attemptId: attempt.id as string, phone: message.phone, template, params });
      if (outcome.kind === 'accepted') {
        await this.attempts.finish(attempt._id, ['sending', 'failed'], { state: 'accepted', providerMessageId: outcome.providerMessageId });
        await this.change(message, { state: 'sent', sentAt: now, channelIndex: index, sealedParams: null, openAttemptId: null, lastError: null });
        return { state: 'sent', channel };
      }
      await this.attempts.finish(attempt._id, ['sending'], { state: 'failed', error: outcome.error });
      if (outcome.alert) this.logger.error(`ALERT notifications: ${outcome.error} (message ${message.id as string}, ${channel})`);
      let step = nextStep(outcome, channel, message.secret);
      if (step === 'retry' && options.lastTry) step = index + 1 < message.channels.length ? 'next-channel' : 'dead';
      if (step === 'dead') return this.deadLetter(message, outcome.error, outcome.kind === 'permanent');
      if (step === 'retry') {
        openAttemptId = channel === 'sms' && outcome.kind === 'ambiguous' ? (attempt.id as string) : null;
        await this.change(message, { lastError: outcome.error, channelIndex: index, openAttemptId });
        throw new DeliveryRetryError(outcome.error);
      }
      index += 1;
      openAttemptId = null;
      if (index >= message.channels.length) return this.deadLetter(message, outcome.error, outcome.kind === 'permanent');
      await this.change(message, { lastError: outcome.error, channelIndex: index, openAttemptId: null });
    }
    return this.deadLetter(message, 'no channel left', true);
  }

  private async deadLetter(message: NotificationMessageDocument, error: string, permanent: boolean): Promise<DeliveryResult> {
    // A code is worthless once its message failed; other messages keep their sealed parameters for a replay.
    await this.change(message, {
      state: 'dead',
      deadAt: new Date(),
      lastError: error,
      openAttemptId: null,
      ...(message.secret ? { sealedParams: null } : {}),
    });
    this.logger.warn(`notifications: message ${message.id as string} dead-lettered (${error})`);
    return { state: 'dead', permanent };
  }

  private change(message: NotificationMessageDocument, set: Partial<NotificationMessage>, inc?: { attempts: number }): Promise<boolean> {
    return this.locks.run('notification-message', message.id as string, () => this.messages.update(message._id, ['queued'], set, inc));
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { MessageChannel, MessageState } from '@nss/contracts';
import { DocumentLocks } from '@nss/server-core';
import { ChannelAdapter, ChannelOutcome } from '../channels/channel-outcome';
import { EsmsChannel } from '../channels/sms/esms-channel';
import { ZnsChannel } from '../channels/zns/zns-channel';
import { AttemptState, MessageAttemptDocument, attemptIdFor } from '../outbox/message-attempt.schema';
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

/** What to do after a failed try, for this channel. */
export function nextStep(outcome: ChannelOutcome, channel: MessageChannel): Next {
  switch (outcome.kind) {
    case 'fallback':
      return 'next-channel';
    case 'permanent':
      // ZNS failing for good still leaves SMS; SMS failing for good leaves nothing.
      return channel === 'zns' ? 'next-channel' : 'dead';
    case 'ambiguous':
      // Zalo does not de-duplicate tracking_id: what may have gone by ZNS goes by SMS, never by ZNS again (a one-time
      // code above all). eSMS refuses a repeated RequestId: SMS is tried again with the same one.
      return channel === 'zns' ? 'next-channel' : 'retry';
    default:
      return 'retry';
  }
}

/** eSMS refuses a repeated RequestId "within the same day": both days agree (UTC and Vietnam time), whichever it means. */
export function sameProviderDay(a: Date, b: Date): boolean {
  const day = (d: Date, offsetHours: number) => new Date(d.getTime() + offsetHours * 3600_000).toISOString().slice(0, 10);
  return day(a, 0) === day(b, 0) && day(a, 7) === day(b, 7);
}

const isAccepted = (state: AttemptState) => state === 'accepted' || state === 'delivered';

/**
 * Delivers one message from the outbox (called by the worker's job, and in tests directly): tries its current
 * channel, classifies the answer, and moves on to the next channel, asks for a retry, or dead-letters. Every change
 * of the message is made under its lock, so a delivery report arriving meanwhile is never overwritten.
 *
 * At most one send per message and channel: the send's attempt is recorded (`sending`) before the provider is
 * called, with an id derived from the message (attemptIdFor), so a later try of the job (after a timeout, the database
 * refusing the record of an acceptance, or the worker killed mid-send) finds it: accepted → recorded, nothing sent;
 * outcome unknown → SMS again under the same RequestId (eSMS refuses a repeat the same day: answer 124, "already
 * accepted"), never ZNS again (Zalo documents no de-duplication and no status query: the next channel instead).
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
    // An earlier try may have been accepted and lost its record (the database went away, the worker was killed).
    const current = message.channels[message.channelIndex] as MessageChannel | undefined;
    const earlier = current ? await this.attempts.findById(attemptIdFor(message._id, current, message.generation).toHexString()) : null;
    if (earlier && isAccepted(earlier.state)) return this.recordSent(message, message.channelIndex, current as MessageChannel, now);
    if (message.expiresAt <= now) return this.deadLetter(message, 'expired before delivery', false);
    if (!message.sealedParams) return this.deadLetter(message, 'parameters erased', true);
    const params = this.cipher.decrypt(message.sealedParams, message.id as string);
    const template = templateOf(message.template);
    let index = message.channelIndex;
    while (index < message.channels.length) {
      const channel = message.channels[index] as MessageChannel;
      const { attempt, outcome, unknown } = await this.tryChannel(message, channel, (attemptId) =>
        this.adapters[channel].send({ attemptId, phone: message.phone, template, params }), now);
      if (outcome.kind === 'accepted') {
        await this.attempts.finish(attempt._id, ['sending', 'failed'], { state: 'accepted', providerMessageId: outcome.providerMessageId ?? attempt.providerMessageId });
        return this.recordSent(message, index, channel, now);
      }
      // A definite refusal frees the attempt for a later try; an unknown outcome keeps it `sending`.
      if (unknown || outcome.kind === 'ambiguous') await this.attempts.noteUnknown(attempt._id, outcome.error);
      else await this.attempts.finish(attempt._id, ['sending'], { state: 'failed', error: outcome.error });
      if (outcome.alert) this.logger.error(`ALERT notifications: ${outcome.error} (message ${message.id as string}, ${channel})`);
      let step = nextStep(outcome, channel);
      if (step === 'retry' && options.lastTry) step = index + 1 < message.channels.length ? 'next-channel' : 'dead';
      if (step === 'dead') return this.deadLetter(message, outcome.error, outcome.kind === 'permanent');
      if (step === 'retry') {
        await this.change(message, { lastError: outcome.error, channelIndex: index });
        throw new DeliveryRetryError(outcome.error);
      }
      index += 1;
      if (index >= message.channels.length) return this.deadLetter(message, outcome.error, outcome.kind === 'permanent');
      await this.change(message, { lastError: outcome.error, channelIndex: index });
    }
    return this.deadLetter(message, 'no channel left', true);
  }

  /**
   * One try of the message's send on `channel`: opens its attempt (recorded before the call) and sends, unless an
   * earlier try's record says the provider already has it (accepted) or may have it (outcome unknown) and sending
   * again could make a second message.
   */
  private async tryChannel(
    message: NotificationMessageDocument,
    channel: MessageChannel,
    send: (attemptId: string) => Promise<ChannelOutcome>,
    now: Date,
  ): Promise<{ attempt: MessageAttemptDocument; outcome: ChannelOutcome; unknown?: boolean }> {
    const { attempt, created } = await this.attempts.open(attemptIdFor(message._id, channel, message.generation), message._id, channel, now);
    if (!created) {
      if (isAccepted(attempt.state)) return { attempt, outcome: { kind: 'accepted', providerMessageId: attempt.providerMessageId } };
      const resumed = attempt.state === 'failed' && (await this.attempts.resume(attempt._id, now));
      if (!resumed) {
        // Outcome unknown: an earlier try got no answer, or died (or lost its record) after calling the provider.
        if (channel === 'zns') return { attempt, outcome: { kind: 'ambiguous', error: 'zns:outcome unknown' }, unknown: true };
        const since = attempt.sendingSince ?? attempt.createdAt;
        if (!sameProviderDay(since, now)) return { attempt, outcome: { kind: 'permanent', error: 'sms:outcome unknown', alert: true }, unknown: true };
      }
    }
    await this.change(message, {}, { attempts: 1 });
    return { attempt, outcome: await send(attempt.id as string) };
  }

  private async recordSent(message: NotificationMessageDocument, index: number, channel: MessageChannel, now: Date): Promise<DeliveryResult> {
    await this.change(message, { state: 'sent', sentAt: now, channelIndex: index, sealedParams: null, lastError: null });
    return { state: 'sent', channel };
  }

  private async deadLetter(message: NotificationMessageDocument, error: string, permanent: boolean): Promise<DeliveryResult> {
    // A code is worthless once its message failed; other messages keep their sealed parameters for a replay.
    await this.change(message, {
      state: 'dead',
      deadAt: new Date(),
      lastError: error,
      ...(message.secret ? { sealedParams: null } : {}),
    });
    this.logger.warn(`notifications: message ${message.id as string} dead-lettered (${error})`);
    return { state: 'dead', permanent };
  }

  private change(message: NotificationMessageDocument, set: Partial<NotificationMessage>, inc?: { attempts: number }): Promise<boolean> {
    return this.locks.run('notification-message', message.id as string, () => this.messages.update(message._id, ['queued'], set, inc));
  }
}

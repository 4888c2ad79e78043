import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual, createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig, AppError, DocumentLocks, MessagingConfig } from '@nss/server-core';
import { MessageAttemptsRepository } from '../outbox/message-attempts.repository';
import { MessagesRepository } from '../outbox/messages.repository';
import { EsmsReportQuery, znsEventSchema } from './delivery-report.schemas';
import { verifyZnsSignature } from './zns-signature';

function sameSecret(a: string, b: string): boolean {
  // Hash first: equal lengths for timingSafeEqual, and no early exit on a length difference.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

const forged = () => AppError.unauthorized('Chữ ký không hợp lệ', 'Invalid signature');

/**
 * Delivery reports from the providers. Each is matched to our attempt by its id (ZNS tracking_id, eSMS RequestId),
 * checked against the provider's message id, and applied once: a repeated report changes nothing.
 */
@Injectable()
export class DeliveryReportsService {
  private readonly config: MessagingConfig;

  constructor(
    private readonly messages: MessagesRepository,
    private readonly attempts: MessageAttemptsRepository,
    private readonly locks: DocumentLocks,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.config = config.messaging;
  }

  /** 401 unless signed with our webhook secret for our app; otherwise acknowledged, applied if it names our attempt. */
  async onZnsEvent(rawBody: Buffer | undefined, signature: string | undefined): Promise<void> {
    const text = rawBody?.toString('utf8') ?? '';
    if (!verifyZnsSignature(signature, text, this.config.zaloAppId, this.config.znsWebhookSecret)) throw forged();
    const parsed = znsEventSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.event_name !== 'user_received_message') return;
    const { tracking_id: trackingId, msg_id: msgId } = parsed.data.message ?? {};
    if (!trackingId || !msgId) return;
    const time = Number(parsed.data.message?.delivery_time);
    await this.apply('zns', trackingId, msgId, 'delivered', Number.isFinite(time) && time > 0 ? new Date(time) : new Date());
  }

  /** 401 unless the URL carries our callback token (eSMS reports are unsigned). */
  async onEsmsReport(token: string, query: EsmsReportQuery): Promise<void> {
    if (!sameSecret(token, this.config.esmsCallbackToken)) throw forged();
    if (!query.RequestId) return;
    const status = query.SendStatus;
    const failed = status === '4' || (status === '5' && Number(query.SendSuccess ?? '1') === 0 && Number(query.SendFailed ?? '0') > 0);
    const delivered = status === '5' && !failed;
    if (!failed && !delivered) return; // 7: sent, report pending
    await this.apply('sms', query.RequestId, query.SMSID ?? null, delivered ? 'delivered' : 'failed', new Date());
  }

  private async apply(channel: 'zns' | 'sms', attemptId: string, providerMessageId: string | null, outcome: 'delivered' | 'failed', at: Date) {
    const attempt = await this.attempts.findById(attemptId);
    if (!attempt || attempt.channel !== channel) return;
    if (attempt.providerMessageId && providerMessageId && attempt.providerMessageId !== providerMessageId) return;
    if (attempt.state === 'delivered') return;
    const messageId = attempt.messageId.toHexString();
    await this.locks.run('notification-message', messageId, async () => {
      const changed = await this.attempts.finish(attempt._id, ['sending', 'accepted'], {
        state: outcome,
        providerMessageId: attempt.providerMessageId ?? providerMessageId,
        ...(outcome === 'failed' ? { error: `${channel}:report failed` } : {}),
      });
      if (!changed) return;
      if (outcome === 'delivered') {
        await this.messages.update(attempt.messageId, ['queued', 'sent'], { state: 'delivered', deliveredAt: at, sealedParams: null });
      } else {
        await this.messages.update(attempt.messageId, ['sent'], { state: 'dead', deadAt: at, lastError: `${channel}:report failed` });
      }
    });
  }
}

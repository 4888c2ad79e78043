import type { MessageParams } from '../outbox/message-cipher';
import type { MessageTemplate } from '../templates/message-templates';

/**
 * What a provider's answer means for the message (every answer is classified into one of these):
 * - accepted: the provider took it (ZNS msg_id / eSMS SMSID); a delivery report may follow;
 * - retry: transient (provider busy, transport error before anything was sent): try the same channel later;
 * - refresh_token: the OA access token was refused: refresh once and retry once;
 * - ambiguous: we cannot know whether it was sent (timeout, 5xx): a one-time code goes by the next channel instead;
 * - fallback: this channel cannot reach this phone (no Zalo account…) or our side of it is blocked: next channel;
 * - permanent: our bug or configuration; retrying or another phone cannot help: dead-letter.
 * `alert` asks a person to look (quota, template, keys…).
 */
export type ChannelOutcome =
  | { kind: 'accepted'; providerMessageId: string | null; detail?: string }
  | { kind: 'retry' | 'refresh_token' | 'ambiguous' | 'fallback' | 'permanent'; error: string; alert?: boolean };

export interface ChannelSendRequest {
  /** The attempt id: ZNS tracking_id, eSMS RequestId. */
  attemptId: string;
  /** National form, 0 + 9 digits. */
  phone: string;
  template: MessageTemplate;
  params: MessageParams;
}

export interface ChannelAdapter {
  send(request: ChannelSendRequest): Promise<ChannelOutcome>;
}

/** A transport failure (no provider answer) as an outcome: refused connections sent nothing; anything else may have. */
export function transportOutcome(channel: string, error: unknown): ChannelOutcome {
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  const name = (error as { name?: string }).name;
  if (cause === 'ECONNREFUSED' || cause === 'ENOTFOUND' || cause === 'EAI_AGAIN') {
    return { kind: 'retry', error: `${channel}:transport ${cause}` };
  }
  const what = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : (cause ?? 'transport error');
  return { kind: 'ambiguous', error: `${channel}:${what}` };
}

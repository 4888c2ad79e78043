import type { ChannelOutcome } from '../channel-outcome';

/** eSMS.vn SendMultipleMessage_V4 answer (string values). */
export interface EsmsAnswer {
  CodeResult?: string;
  SMSID?: string;
  ErrorMessage?: string;
}

const OUR_BUG = new Set(['101', '104', '140', '146', '177']);

/**
 * Classifies an eSMS answer: 100 accepted (not yet delivered); 124 duplicate RequestId = we sent it already (a retry
 * after a timeout), accepted; 99 blocked and 108 bad phone cannot be fixed by retrying; keys, brandname, IP
 * allow-list, template and carrier registration are our configuration (dead-letter and alert); 103 balance and any
 * other code are retried with backoff (SMS is the last channel: a later try may pass) and alerted.
 */
export function classifyEsmsAnswer(answer: EsmsAnswer): ChannelOutcome {
  const code = String(answer.CodeResult ?? '');
  const error = `sms:${code || 'unreadable answer'}`;
  if (code === '100') return { kind: 'accepted', providerMessageId: answer.SMSID ?? null };
  if (code === '124') return { kind: 'accepted', providerMessageId: answer.SMSID ?? null, detail: 'duplicate RequestId' };
  if (code === '99' || code === '108') return { kind: 'permanent', error };
  if (OUR_BUG.has(code)) return { kind: 'permanent', error, alert: true };
  return { kind: 'retry', error, alert: code === '103' };
}

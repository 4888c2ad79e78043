import type { ChannelOutcome } from '../channel-outcome';

/** The ZNS answer body (HTTP 200 whatever happened: read `error`, never the status). */
export interface ZnsAnswer {
  error?: number;
  message?: string;
  data?: { msg_id?: string; quota?: { dailyQuota?: string; remainingQuota?: string } } | null;
}

const REFRESH = new Set([-124, -216, -220]);
const RECIPIENT_CANNOT = new Set([-108, -110, -114, -118, -119, -139, -140, -141]);
const OUR_SIDE_BLOCKED = new Set([-115, -117, -131, -133, -135, -1351, -136, -137, -144, -146, -147]);
const OUR_BUG = new Set([-101, -102, -103, -104, -105, -106, -107, -109, -111, -112, -113, -116, -1121, -1122]);

/**
 * Classifies a ZNS answer (docs/messaging.md): −100 retry; −124/−216/−220 refresh the token; the recipient cannot get
 * ZNS (−118 no Zalo account, …; −108 invalid phone too, as our own phone check has passed) → SMS; our OA is blocked
 * (quota, template, night window…) → SMS and alert; our bug or configuration → dead-letter and alert. An unknown code
 * falls back to SMS with an alert: the phone may still be reached.
 */
export function classifyZnsAnswer(answer: ZnsAnswer): ChannelOutcome {
  const code = answer.error;
  if (code === 0) {
    const msgId = answer.data?.msg_id;
    if (!msgId) return { kind: 'ambiguous', error: 'zns:0 success without msg_id' };
    return { kind: 'accepted', providerMessageId: msgId };
  }
  if (typeof code !== 'number') return { kind: 'ambiguous', error: 'zns:unreadable answer' };
  const error = `zns:${code}`;
  if (code === -100) return { kind: 'retry', error };
  if (REFRESH.has(code)) return { kind: 'refresh_token', error };
  if (RECIPIENT_CANNOT.has(code)) return { kind: 'fallback', error };
  if (OUR_SIDE_BLOCKED.has(code)) return { kind: 'fallback', error, alert: true };
  if (OUR_BUG.has(code)) return { kind: 'permanent', error, alert: true };
  return { kind: 'fallback', error, alert: true };
}

/** True when the remaining daily quota is low enough that a person should know (quota values are strings). */
export function znsQuotaLow(answer: ZnsAnswer, threshold = 0.1): boolean {
  const daily = Number(answer.data?.quota?.dailyQuota);
  const remaining = Number(answer.data?.quota?.remainingQuota);
  return Number.isFinite(daily) && Number.isFinite(remaining) && daily > 0 && remaining <= daily * threshold;
}

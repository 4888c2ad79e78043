import type { PaymentIntentStatus } from '@nss/contracts';

/** The merchant's answer to an IPN: exactly these two keys, in this order (payments.md). */
export interface IpnAnswer {
  RspCode: '00' | '01' | '02' | '04' | '97' | '99';
  Message: string;
}

export const IPN_ANSWERS = {
  confirmed: { RspCode: '00', Message: 'Confirm Success' },
  notFound: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknownError: { RspCode: '99', Message: 'Unknow error' },
} as const satisfies Record<string, IpnAnswer>;

/** The fields of a verified VNPay result the decision reads (the SDK's `VnpayPaymentResult`). */
export interface VerifiedVnpayResult {
  txnRef: string;
  amountVnd: number;
  responseCode: string;
  transactionStatus: string;
  succeeded: boolean;
  needsReview: boolean;
}

/** The fields of the stored intent the decision reads. */
export interface StoredIntent {
  amountVnd: number;
  status: PaymentIntentStatus;
  txnRefs: readonly string[];
}

/** What to do to the intent: nothing, or one state change. */
export type IpnAction = 'none' | 'succeed' | 'fail' | 'review';

export interface IpnDecision {
  answer: IpnAnswer;
  action: IpnAction;
}

/** Intents that still wait for the gateway's word; anything else has been decided already (02). */
export const PENDING_STATUSES: readonly PaymentIntentStatus[] = ['requires_action', 'processing'];

/**
 * The IPN's checks, in the order VNPay prescribes: signature (97), the order (01), the amount (04), still pending
 * (02), then the outcome (00). Success needs ResponseCode 00 and TransactionStatus 00 (the SDK's `succeeded`);
 * code 07 (debited, suspected fraud) goes to manual review; anything else is a failure, recorded too.
 */
export function decideIpn(verified: VerifiedVnpayResult | 'bad_signature', intent: StoredIntent | null): IpnDecision {
  if (verified === 'bad_signature') return { answer: IPN_ANSWERS.invalidSignature, action: 'none' };
  if (!intent || !intent.txnRefs.includes(verified.txnRef)) return { answer: IPN_ANSWERS.notFound, action: 'none' };
  if (!Number.isSafeInteger(verified.amountVnd) || verified.amountVnd !== intent.amountVnd) return { answer: IPN_ANSWERS.invalidAmount, action: 'none' };
  if (!PENDING_STATUSES.includes(intent.status)) return { answer: IPN_ANSWERS.alreadyConfirmed, action: 'none' };
  return { answer: IPN_ANSWERS.confirmed, action: outcomeOf(verified) };
}

/** The state change a verified result asks for (IPN and querydr alike). */
export function outcomeOf(result: Pick<VerifiedVnpayResult, 'responseCode' | 'transactionStatus' | 'succeeded' | 'needsReview'>): Exclude<IpnAction, 'none'> {
  if (result.succeeded && result.responseCode === '00' && result.transactionStatus === '00') return 'succeed';
  if (result.needsReview || result.responseCode === '07' || result.transactionStatus === '07') return 'review';
  return 'fail';
}

import { decideIpn, IPN_ANSWERS, outcomeOf, type StoredIntent, type VerifiedVnpayResult } from './ipn-decision';

const intent: StoredIntent = { amountVnd: 250_000, status: 'requires_action', txnRefs: ['old-ref', 'ref-1'] };
const paid: VerifiedVnpayResult = { txnRef: 'ref-1', amountVnd: 250_000, responseCode: '00', transactionStatus: '00', succeeded: true, needsReview: false };

describe('decideIpn (the order of checks of payments.md)', () => {
  it('answers 97 to a bad signature before anything else', () => {
    expect(decideIpn('bad_signature', null)).toEqual({ answer: IPN_ANSWERS.invalidSignature, action: 'none' });
    expect(decideIpn('bad_signature', intent).answer.RspCode).toBe('97');
  });

  it('answers 01 to an unknown order, 04 to a wrong amount, 02 to a settled intent', () => {
    expect(decideIpn(paid, null).answer).toEqual({ RspCode: '01', Message: 'Order not found' });
    expect(decideIpn({ ...paid, txnRef: 'someone-else' }, intent).answer.RspCode).toBe('01');
    expect(decideIpn({ ...paid, amountVnd: 2_500 }, intent).answer).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    // The amount is checked before the state: a wrong amount on a settled intent is still 04.
    expect(decideIpn({ ...paid, amountVnd: 1 }, { ...intent, status: 'succeeded' }).answer.RspCode).toBe('04');
    for (const status of ['succeeded', 'canceled', 'requires_review'] as const) {
      expect(decideIpn(paid, { ...intent, status })).toEqual({ answer: { RspCode: '02', Message: 'Order already confirmed' }, action: 'none' });
    }
  });

  it('confirms a pending intent and says which change to make', () => {
    expect(decideIpn(paid, intent)).toEqual({ answer: { RspCode: '00', Message: 'Confirm Success' }, action: 'succeed' });
    expect(decideIpn({ ...paid, txnRef: 'old-ref' }, intent).action).toBe('succeed');
    expect(decideIpn({ ...paid, responseCode: '24', transactionStatus: '02', succeeded: false }, intent).action).toBe('fail');
    expect(decideIpn({ ...paid, responseCode: '07', transactionStatus: '00', succeeded: false, needsReview: true }, intent).action).toBe('review');
  });

  it('never takes success from one of the two codes alone', () => {
    expect(outcomeOf({ responseCode: '00', transactionStatus: '01', succeeded: false, needsReview: false })).toBe('fail');
    expect(outcomeOf({ responseCode: '00', transactionStatus: '02', succeeded: true, needsReview: false })).toBe('fail');
    expect(outcomeOf({ responseCode: '51', transactionStatus: '00', succeeded: false, needsReview: false })).toBe('fail');
    expect(outcomeOf({ responseCode: '00', transactionStatus: '07', succeeded: false, needsReview: false })).toBe('review');
  });

  it('writes RspCode before Message (VNPay reads the JSON as text)', () => {
    expect(JSON.stringify(decideIpn(paid, intent).answer)).toBe('{"RspCode":"00","Message":"Confirm Success"}');
    expect(JSON.stringify(IPN_ANSWERS.unknownError)).toBe('{"RspCode":"99","Message":"Unknow error"}');
  });
});

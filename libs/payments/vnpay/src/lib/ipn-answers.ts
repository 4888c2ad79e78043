/**
 * The merchant's IPN answers, exactly as VNPay expects them (`{"RspCode","Message"}`), in the order to check:
 * signature (97), order (01), amount (04), already confirmed (02), then record → 00; anything unexpected → 99.
 * VNPay calls again on 01, 04, 97 and 99 (and on a time out).
 */
export const VNPAY_IPN_ANSWERS = {
  confirmSuccess: { RspCode: '00', Message: 'Confirm Success' },
  orderNotFound: { RspCode: '01', Message: 'Order not found' },
  orderAlreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknownError: { RspCode: '99', Message: 'Unknow error' },
} as const;

export type VnpayIpnAnswer = (typeof VNPAY_IPN_ANSWERS)[keyof typeof VNPAY_IPN_ANSWERS];

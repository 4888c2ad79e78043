import { bankFeedTransactionSchema, createPaymentBodySchema, createRefundBodySchema, resolveBankTransferIssueBodySchema } from './payments';

describe('payments contracts', () => {
  it('takes only a checkout (and VNPay page options) to create a payment: no amount, status or method from the client', () => {
    const checkoutId = 'a'.repeat(24);
    expect(createPaymentBodySchema.safeParse({ checkoutId }).success).toBe(true);
    expect(createPaymentBodySchema.safeParse({ checkoutId, bankCode: 'VNBANK', locale: 'en' }).success).toBe(true);
    for (const extra of [{ amountVnd: 1 }, { status: 'succeeded' }, { method: 'cod' }]) {
      expect(createPaymentBodySchema.safeParse({ checkoutId, ...extra }).success).toBe(false);
    }
    expect(createPaymentBodySchema.safeParse({ checkoutId: 'A'.repeat(24) }).success).toBe(false);
    expect(createPaymentBodySchema.safeParse({ checkoutId, bankCode: 'ncb; drop' }).success).toBe(false);
  });

  it('reads a SePay webhook body as SePay sends it (extra fields tolerated) and refuses a malformed one', () => {
    const sepay = {
      id: 92704,
      gateway: 'Vietcombank',
      transactionDate: '2023-03-25 14:02:37',
      accountNumber: '0123499999',
      code: null,
      content: 'chuyen tien mua iphone',
      transferType: 'in',
      transferAmount: 2277000,
      accumulated: 19077000,
      subAccount: null,
      referenceCode: 'MBVCB.3278907687',
      description: '',
      somethingNew: true,
    };
    expect(bankFeedTransactionSchema.safeParse(sepay).success).toBe(true);
    expect(bankFeedTransactionSchema.safeParse({ ...sepay, transferAmount: 1.5 }).success).toBe(false);
    expect(bankFeedTransactionSchema.safeParse({ ...sepay, transferType: 'sideways' }).success).toBe(false);
    expect(bankFeedTransactionSchema.safeParse({ ...sepay, id: { $gt: 1 } }).success).toBe(false);
  });

  it('needs a reason for a refund and never a fractional or zero amount', () => {
    const orderId = 'b'.repeat(24);
    expect(createRefundBodySchema.safeParse({ orderId, reason: 'Hàng dập' }).success).toBe(true);
    expect(createRefundBodySchema.safeParse({ orderId, reason: '' }).success).toBe(false);
    expect(createRefundBodySchema.safeParse({ orderId, reason: 'x', amountVnd: 0 }).success).toBe(false);
    expect(createRefundBodySchema.safeParse({ orderId, reason: 'x', amountVnd: 10.5 }).success).toBe(false);
    expect(resolveBankTransferIssueBodySchema.safeParse({ decision: 'refunded', note: 'đã trả', bankReference: 'FT123456' }).success).toBe(true);
    expect(resolveBankTransferIssueBodySchema.safeParse({ decision: 'keep', note: 'x' }).success).toBe(false);
  });
});

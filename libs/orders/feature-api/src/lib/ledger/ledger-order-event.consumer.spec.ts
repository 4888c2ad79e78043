import type { OrderEventRecord } from '../order-events/order-event-consumers';
import type { OrderEventsRepository } from '../order-events/order-events.repository';
import { LedgerOrderEventConsumer } from './ledger-order-event.consumer';
import type { CompletedOrderFacts, LedgerService, RefundFacts } from './ledger.service';

function event(overrides: Partial<OrderEventRecord>): OrderEventRecord {
  return {
    id: 'e'.repeat(24),
    key: 'state:o:9',
    orderId: 'o'.repeat(24),
    orderCode: 'DHABCDEFGHJK',
    checkoutId: 'c'.repeat(24),
    sellerId: 's'.repeat(24),
    buyerUserId: 'b'.repeat(24),
    type: 'order.completed',
    from: 'delivered',
    to: 'completed',
    actor: { userId: null, role: 'system' },
    reason: null,
    at: new Date('2026-12-01T03:00:00Z'),
    provinceCode: '19',
    communeCode: '05503',
    buyerProvinceCode: '01',
    buyerCommuneCode: '00004',
    adminEra: '2025',
    dayVn: '2026-12-01',
    monthVn: '2026-12',
    paymentMethod: 'cod',
    totals: { itemsTotalVnd: 200_000, shippingFeeVnd: 30_000, totalVnd: 230_000 },
    lines: [{ productId: 'p'.repeat(24), quantity: 2, netWeightGrams: 500 }],
    data: null,
    dispatchedAt: null,
    ...overrides,
  };
}

describe('LedgerOrderEventConsumer', () => {
  const completions: CompletedOrderFacts[] = [];
  const refunds: RefundFacts[] = [];
  const ledger = {
    recordOrderCompleted: async (f: CompletedOrderFacts) => void completions.push(f),
    recordRefund: async (f: RefundFacts) => void refunds.push(f),
  } as unknown as LedgerService;
  const completedAt = new Date('2026-11-30T10:00:00Z');
  const events = { forOrder: async () => [{ type: 'order.paid', at: new Date(0) }, { type: 'order.completed', at: completedAt }] } as unknown as OrderEventsRepository;
  const consumer = new LedgerOrderEventConsumer(ledger, events);

  beforeEach(() => {
    completions.length = 0;
    refunds.length = 0;
  });

  it('credits a completed order with its totals at the time it completed', async () => {
    await consumer.handle(event({}));
    expect(completions).toEqual([
      { orderId: 'o'.repeat(24), orderCode: 'DHABCDEFGHJK', sellerId: 's'.repeat(24), provinceCode: '19', itemsTotalVnd: 200_000, shippingFeeVnd: 30_000, totalVnd: 230_000, completedAt: new Date('2026-12-01T03:00:00Z') },
    ]);
  });

  it('books a refund of a completed order with the completion (for a sale not booked yet), and of other orders without', async () => {
    await consumer.handle(event({ type: 'order.refunded', from: 'completed', to: 'refunded', data: { refundId: 'rf1', amountVnd: '50000' } }));
    await consumer.handle(event({ type: 'order.refunded', from: 'shipped', to: 'refunded', data: { refundId: 'rf2', amountVnd: '230000' } }));
    expect(refunds.map((r) => [r.refundId, r.amountVnd, r.completedOrder?.completedAt ?? null])).toEqual([
      ['rf1', 50_000, completedAt],
      ['rf2', 230_000, null],
    ]);
  });

  it('ignores other events and refunds without a usable amount', async () => {
    for (const type of ['order.created', 'order.paid', 'order.delivered', 'order.cancelled'] as const) await consumer.handle(event({ type }));
    await consumer.handle(event({ type: 'order.refunded', from: 'completed', data: { refundId: 'rf3', amountVnd: '12.5' } }));
    await consumer.handle(event({ type: 'order.refunded', from: 'completed', data: null }));
    expect(completions).toEqual([]);
    expect(refunds).toEqual([]);
  });
});

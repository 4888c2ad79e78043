import { Types } from 'mongoose';
import { deltaOf } from './event-deltas';
import type { SourceEvent } from './source-events';

const event = (fields: Partial<SourceEvent> & Record<string, unknown>): SourceEvent => ({
  _id: new Types.ObjectId(),
  key: 'k1',
  provinceCode: '19',
  communeCode: '05503',
  at: new Date('2026-11-30T18:00:00.000Z'), // 1 December in Vietnam
  ...fields,
});

describe('deltas of source events', () => {
  const lines = [
    { productId: 'p1', quantity: 2, netWeightGrams: 500, lineTotalVnd: 100_000 },
    { productId: 'p2', quantity: 3, netWeightGrams: 1000, lineTotalVnd: 200_000 },
  ];
  const order = (type: string, extra: Record<string, unknown> = {}) =>
    event({ type, key: `state:o1:${type}`, dayVn: '2026-11-22', sellerId: 's1', paymentMethod: 'cod', totals: { itemsTotalVnd: 300_000, totalVnd: 330_000 }, lines, ...extra });

  it('counts an order placed: method, sales, goods revenue, weight, and its seller as active', () => {
    expect(deltaOf('orders', order('order.created'))).toEqual({
      id: '19:2026-11-22:orders:state:o1:order.created',
      provinceCode: '19',
      communeKey: '05503',
      dayVn: '2026-11-22',
      source: 'orders',
      figures: { orders_created: 1, orders_created_cod: 1, orders_sold: 1, revenue_vnd: 300_000, weight_grams: 4000 },
      members: { active_sellers: ['s1'] },
      top: { products: { p1: [1, 100_000, 1000], p2: [1, 200_000, 3000] }, sellers: { s1: [1, 300_000, 4000] } },
    });
  });

  it('takes a cancelled order off its products and seller too, with the same amounts', () => {
    expect(deltaOf('orders', order('order.cancelled'))?.top).toEqual({ products: { p1: [-1, -100_000, -1000], p2: [-1, -200_000, -3000] }, sellers: { s1: [-1, -300_000, -4000] } });
    expect(deltaOf('orders', order('order.paid'))?.top).toBeUndefined();
  });

  it('takes a cancelled or refunded order off on the day it happens', () => {
    expect(deltaOf('orders', order('order.cancelled'))?.figures).toEqual({ orders_cancelled: 1, orders_sold: -1, revenue_vnd: -300_000, weight_grams: -4000 });
    expect(deltaOf('orders', order('order.refunded'))?.figures).toEqual({ orders_refunded: 1, orders_sold: -1, revenue_vnd: -300_000, weight_grams: -4000 });
    expect(deltaOf('orders', order('order.shipped'))).toBeNull();
  });

  it('counts accounts by channel and verifications, on the Vietnam day of the event', () => {
    const account = deltaOf('sellers', event({ kind: 'accountAt', key: 'milestone:s1:accountAt', data: { channel: 'agent' } }));
    expect(account?.dayVn).toBe('2026-12-01');
    expect(account?.figures).toEqual({ accounts_created: 1, accounts_created_agent: 1 });
    expect(deltaOf('sellers', event({ kind: 'status:verified' }))?.figures).toEqual({ sellers_verified: 1 });
    expect(deltaOf('sellers', event({ kind: 'status:rejected' }))).toBeNull();
  });

  it('counts a trained household by phone, so it stays one household after it registers', () => {
    expect(deltaOf('training', event({ type: 'training.attended', householdKey: 's:abc', phone: '0912345678', dayVn: '2026-11-05' }))?.members).toEqual({ households_trained: ['p:0912345678'] });
    expect(deltaOf('training', event({ type: 'training.attended', householdKey: 'a:xyz', phone: null }))?.members).toEqual({ households_trained: ['a:xyz'] });
  });

  it('counts listings net of delistings and OCOP by stars', () => {
    expect(deltaOf('catalog', event({ type: 'product.approved', sellerId: 's1', ocopStars: 4 }))?.figures).toEqual({ products_listed: 1, ocop_listed: 1, ocop_listed_4: 1 });
    expect(deltaOf('catalog', event({ type: 'product.delisted', sellerId: 's1', ocopStars: 4 }))).toMatchObject({ figures: { products_listed: -1, ocop_listed: -1, ocop_listed_4: -1 }, members: {} });
    expect(deltaOf('catalog', event({ type: 'product.approved', sellerId: 's1', ocopStars: null }))?.figures).toEqual({ products_listed: 1 });
  });

  it('counts stamps issued by the batch, scans with their serial', () => {
    expect(deltaOf('trace', event({ type: 'stamps.issued', count: 1000 }))?.figures).toEqual({ stamps_issued: 1000 });
    expect(deltaOf('trace', event({ type: 'stamp.scanned', serial: 'ABC' }))).toMatchObject({ figures: { stamps_scanned: 1 }, members: { stamps_scanned_unique: ['ABC'] } });
  });

  it('reports a pre-2025 commune under its new commune, a split one on its own row', () => {
    // Real data (@nss/admin-units): old commune 00019 was split; 00001 became one 2025 ward.
    const split = deltaOf('sellers', event({ kind: 'status:verified', provinceCode: '01', communeCode: '00019', adminEra: 'pre2025' }));
    expect(split).toMatchObject({ communeKey: 'old:00019' });
    const single = deltaOf('sellers', event({ kind: 'status:verified', provinceCode: '01', communeCode: '00001', adminEra: 'pre2025' }));
    expect(single?.communeKey).toMatch(/^\d{5}$/);
  });
});

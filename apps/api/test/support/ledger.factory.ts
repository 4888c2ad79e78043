import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Product } from '@nss/contracts';
import { type CompletedOrderFacts, LedgerOrderEventConsumer, OrderPayments, orderEventRecord } from '@nss/orders-api';
import type { CreatedAccount } from './accounts.factory';
import { anOrder, type SellerWithAgent } from './orders.factory';
import type { TestApi } from './test-api';

/** An order code as the API writes them ("DH" + 10 upper-case characters). */
export function anOrderCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
  return `DH${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** The facts of a completed order of a seller, as the order-event consumer hands them to the ledger. */
export function aCompletedOrder(
  seller: { id: string; provinceCode: string },
  amounts: { itemsTotalVnd: number; shippingFeeVnd?: number; completedAt?: Date },
): CompletedOrderFacts {
  const shippingFeeVnd = amounts.shippingFeeVnd ?? 0;
  return {
    orderId: new Types.ObjectId().toHexString(),
    orderCode: anOrderCode(),
    sellerId: seller.id,
    provinceCode: seller.provinceCode,
    itemsTotalVnd: amounts.itemsTotalVnd,
    shippingFeeVnd,
    totalVnd: amounts.itemsTotalVnd + shippingFeeVnd,
    completedAt: amounts.completedAt ?? new Date(),
  };
}

export function aRefundId(): string {
  return `rf_${randomBytes(8).toString('hex')}`;
}

/** The shop's agent moves an order from placed (COD) or paid to delivered through the real routes. */
export async function deliver(api: TestApi, shop: Pick<SellerWithAgent, 'agent'>, orderId: string): Promise<void> {
  const steps: Array<[string, unknown]> = [
    ['accept', undefined],
    ['pack', undefined],
    ['ship', { carrier: 'Viettel Post', trackingCode: `VTP-${randomBytes(4).toString('hex')}` }],
    ['deliver', undefined],
  ];
  for (const [action, body] of steps) {
    const res = await api.request({ method: 'POST', url: `/api/orders/${orderId}/${action}`, token: shop.agent.accessToken, ...(body ? { body } : {}) });
    if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** A COD order of one product, placed by the buyer and delivered by the shop. */
export async function aDeliveredOrder(api: TestApi, shop: Pick<SellerWithAgent, 'agent'>, buyer: CreatedAccount, product: Product, quantity = 1): Promise<string> {
  const { orderId } = await anOrder(api, buyer, product, 'cod', quantity);
  await deliver(api, shop, orderId);
  return orderId;
}

/** The seller records the cash of a delivered COD order as collected (what payments does): the order completes. */
export async function collectCash(api: TestApi, shop: SellerWithAgent, orderId: string): Promise<void> {
  await api.app.get(OrderPayments).recordCashCollected(orderId, { paymentId: `cod_${orderId}`, actor: shop.agent.actor, at: new Date() });
}

/**
 * Runs the ledger's consumer over every event of the order, oldest first, as the worker's dispatcher would (the test
 * API has no worker). `times` > 1 delivers each event again, as a retry would.
 */
export async function runLedgerConsumer(api: TestApi, orderId: string, times = 1): Promise<void> {
  const consumer = api.app.get(LedgerOrderEventConsumer);
  const docs = await api.connection.collection('order_events').find({ orderId }).sort({ at: 1, _id: 1 }).toArray();
  for (const doc of docs) {
    for (let i = 0; i < times; i++) await consumer.handle(orderEventRecord(doc as unknown as Parameters<typeof orderEventRecord>[0]));
  }
}

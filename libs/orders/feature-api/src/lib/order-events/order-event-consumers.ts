import type { OrderState, PaymentMethod } from '@nss/contracts';

/** The kinds of order events (`order_events.type`): one per state an order enters, plus its creation. */
export const ORDER_EVENT_TYPES = [
  'order.created',
  'order.paid',
  'order.cod_confirmed',
  'order.accepted',
  'order.packed',
  'order.shipped',
  'order.delivered',
  'order.completed',
  'order.cancelled',
  'order.refund_requested',
  'order.refunded',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/** Who caused an order event. `system` = a job (expiry, auto-completion) or payments without a person. */
export interface OrderEventActor {
  userId: string | null;
  role: 'buyer' | 'seller' | 'agent' | 'staff' | 'admin' | 'system';
}

/** A line of the order as its events carry it (absent on events written before lines were added). */
export interface OrderEventLine {
  productId: string;
  quantity: number;
  netWeightGrams: number;
  /** The line's goods value (reporting ranks products by it); absent on events written before it was added. */
  lineTotalVnd?: number;
}

/**
 * One order event as consumers see it (`order_events`, append-only; reporting and the ledger consume them).
 * `key` is unique: `state:<orderId>:<stateVersion>` (creation is version 1: `state:<orderId>:1`).
 */
export interface OrderEventRecord {
  id: string;
  key: string;
  orderId: string;
  orderCode: string;
  checkoutId: string;
  sellerId: string;
  buyerUserId: string;
  type: OrderEventType;
  from: OrderState | null;
  to: OrderState;
  actor: OrderEventActor;
  reason: string | null;
  at: Date;
  /** Seller's place (2025 units). */
  provinceCode: string;
  communeCode: string;
  /** Buyer's delivery place (2025 units). */
  buyerProvinceCode: string;
  buyerCommuneCode: string;
  adminEra: '2025';
  /** Vietnam-time day ("2026-12-01") and month ("2026-12") of the event. */
  dayVn: string;
  monthVn: string;
  paymentMethod: PaymentMethod;
  totals: { itemsTotalVnd: number; shippingFeeVnd: number; totalVnd: number };
  lines: OrderEventLine[];
  /** Extra facts of some events: `order.shipped` has `carrier` and `trackingCode`; `order.refunded` has `refundId`, `amountVnd`. */
  data: Record<string, string> | null;
  /** Set once every consumer has run. */
  dispatchedAt: Date | null;
}

/**
 * Something that reacts to order events in the worker (messages, the seller ledger, first sale). `handle` must be
 * idempotent: the dispatcher may run it again for the same event (a retry, the sweep). `name` is stable: the
 * dispatcher records per event which consumers have finished (`consumedBy`) and skips them on a retry.
 */
export interface OrderEventConsumer {
  readonly name: string;
  handle(event: OrderEventRecord): Promise<void>;
}

/**
 * The consumers of order events: an array provided by `OrdersWorkerModule` (a new array per application).
 * To add one, provide it in the worker (in `OrdersWorkerModule` or a module that it imports and that can inject
 * this token) and push it in on start:
 * ```ts
 * @Injectable() class LedgerConsumer implements OrderEventConsumer, OnModuleInit {
 *   readonly name = 'ledger';
 *   constructor(@Inject(ORDER_EVENT_CONSUMERS) private readonly consumers: OrderEventConsumer[]) {}
 *   onModuleInit() { registerOrderEventConsumer(this.consumers, this); }
 *   async handle(event: OrderEventRecord) { ... }
 * }
 * ```
 */
export const ORDER_EVENT_CONSUMERS = Symbol('ORDER_EVENT_CONSUMERS');

/** Adds a consumer once (by name); a second consumer of the same name is a programming error. */
export function registerOrderEventConsumer(consumers: OrderEventConsumer[], consumer: OrderEventConsumer): void {
  const existing = consumers.find((c) => c.name === consumer.name);
  if (existing === consumer) return;
  if (existing) throw new Error(`Order event consumer "${consumer.name}" is registered twice`);
  consumers.push(consumer);
}

import { Injectable } from '@nestjs/common';
import { StockReservations } from '../checkout/stock-reservations';
import type { OrderEventConsumer, OrderEventRecord } from '../order-events/order-event-consumers';
import { ORDER_WHAT, TRANSITION_SCOPE } from '../orders/order-transitions';
import { OrdersRepository } from '../orders/orders.repository';

/** States in which the goods are still with the seller: leaving one for a cancellation or refund puts them back. */
const NOT_SHIPPED = ['awaiting_payment', 'paid', 'cod_confirmed', 'accepted', 'packed'];

/** True when the event means the order's units go back into stock. */
export function returnsStock(event: Pick<OrderEventRecord, 'from' | 'to'>): boolean {
  if (event.to === 'cancelled') return true;
  return (event.to === 'refund_requested' || event.to === 'refunded') && NOT_SHIPPED.includes(event.from ?? '');
}

/**
 * The guaranteed return of stock: the request or job that cancels an order returns its stock at once, but if that
 * failed after the state changed (a busy product lock, Redis or the database gone), the event is dispatched again
 * until this consumer succeeds. The release claims (`release:<checkoutId>:<productId>`) make it happen once.
 */
@Injectable()
export class StockReturnConsumer implements OrderEventConsumer {
  readonly name = 'stock-return';

  constructor(
    private readonly orders: OrdersRepository,
    private readonly stock: StockReservations,
  ) {}

  async handle(event: OrderEventRecord): Promise<void> {
    if (!returnsStock(event)) return;
    const order = await this.orders.getById(TRANSITION_SCOPE, event.orderId, ORDER_WHAT);
    await this.stock.release(order.checkoutId, order.lines, event.at);
  }
}

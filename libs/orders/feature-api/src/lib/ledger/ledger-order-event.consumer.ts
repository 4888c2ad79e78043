import { Injectable, Logger } from '@nestjs/common';
import type { OrderEventConsumer, OrderEventRecord } from '../order-events/order-event-consumers';
import { OrderEventsRepository } from '../order-events/order-events.repository';
import { LEDGER_BOOKING_SCOPE } from './ledger-entries.repository';
import { type CompletedOrderFacts, LedgerService } from './ledger.service';

/**
 * The seller ledger's consumer of order events (run by the worker's dispatcher, any number of times per event):
 * `order.completed` credits the sale and charges the commission; `order.refunded` debits the refund and gives the
 * commission back. Idempotent by the entries' unique keys; the events may arrive in any order.
 */
@Injectable()
export class LedgerOrderEventConsumer implements OrderEventConsumer {
  readonly name = 'seller-ledger';
  private readonly logger = new Logger(LedgerOrderEventConsumer.name);

  constructor(
    private readonly ledger: LedgerService,
    private readonly events: OrderEventsRepository,
  ) {}

  async handle(event: OrderEventRecord): Promise<void> {
    if (event.type === 'order.completed') {
      await this.ledger.recordOrderCompleted(completedFacts(event, event.at));
      return;
    }
    if (event.type !== 'order.refunded') return;
    const refundId = event.data?.['refundId'];
    const amountVnd = Number(event.data?.['amountVnd']);
    if (!refundId || !Number.isSafeInteger(amountVnd) || amountVnd < 0) {
      // A malformed event cannot become right by retrying: say so loudly and let the dispatch finish.
      this.logger.error(`order event ${event.key}: order.refunded without a valid refundId/amountVnd, not booked`);
      return;
    }
    // Only a completed order was credited: it can be refunded from `completed` (the one way out of that state).
    const completedAt = event.from === 'completed' ? await this.completionTime(event) : null;
    await this.ledger.recordRefund({
      refundId,
      amountVnd,
      at: event.at,
      orderId: event.orderId,
      sellerId: event.sellerId,
      completedOrder: completedAt ? completedFacts(event, completedAt) : null,
    });
  }

  private async completionTime(event: OrderEventRecord): Promise<Date> {
    const history = await this.events.forOrder(LEDGER_BOOKING_SCOPE, event.orderId);
    const completed = history.find((e) => e.type === 'order.completed');
    if (!completed) throw new Error(`order ${event.orderId} was refunded from completed but has no order.completed event`);
    return completed.at;
  }
}

function completedFacts(event: OrderEventRecord, completedAt: Date): CompletedOrderFacts {
  return {
    orderId: event.orderId,
    orderCode: event.orderCode,
    sellerId: event.sellerId,
    provinceCode: event.provinceCode,
    itemsTotalVnd: event.totals.itemsTotalVnd,
    shippingFeeVnd: event.totals.shippingFeeVnd,
    totalVnd: event.totals.totalVnd,
    completedAt,
  };
}

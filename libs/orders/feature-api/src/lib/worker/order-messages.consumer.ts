import { Injectable } from '@nestjs/common';
import { UsersService } from '@nss/accounts-api';
import { MessageOutbox } from '@nss/notifications-api';
import { SellerDirectory } from '@nss/onboarding-api';
import type { OrderEventConsumer, OrderEventRecord } from '../order-events/order-event-consumers';

interface Notice {
  to: 'buyer' | 'seller';
  template: string;
}

/** Which messages an event sends. Prepaid orders reach the seller once paid; COD orders at once. */
export function noticesOf(event: Pick<OrderEventRecord, 'type' | 'from' | 'to' | 'paymentMethod'>): Notice[] {
  switch (event.type) {
    case 'order.created':
      return event.to === 'cod_confirmed'
        ? [{ to: 'buyer', template: 'order.placed' }, { to: 'seller', template: 'order.seller_new' }]
        : [{ to: 'buyer', template: 'order.placed' }];
    case 'order.paid':
      return [{ to: 'buyer', template: 'order.paid' }, { to: 'seller', template: 'order.seller_new' }];
    case 'order.accepted':
      return [{ to: 'buyer', template: 'order.accepted' }];
    case 'order.shipped':
      return [{ to: 'buyer', template: 'order.shipped' }];
    case 'order.delivered':
      return [{ to: 'buyer', template: 'order.delivered' }];
    case 'order.cancelled':
    case 'order.refund_requested': {
      if (event.type === 'order.refund_requested' && !['paid', 'accepted', 'packed'].includes(event.from ?? '')) return [];
      const sellerKnew = event.from !== 'awaiting_payment';
      return [{ to: 'buyer', template: 'order.cancelled' }, ...(sellerKnew ? [{ to: 'seller' as const, template: 'order.seller_cancelled' }] : [])];
    }
    case 'order.refunded':
      return [{ to: 'buyer', template: 'order.refunded' }];
    default:
      return [];
  }
}

/** Messages to the buyer (its account's phone) and the seller (its registered phone) through the outbox. */
@Injectable()
export class OrderMessagesConsumer implements OrderEventConsumer {
  readonly name = 'messages';

  constructor(
    private readonly outbox: MessageOutbox,
    private readonly users: UsersService,
    private readonly sellers: SellerDirectory,
  ) {}

  async handle(event: OrderEventRecord): Promise<void> {
    for (const notice of noticesOf(event)) {
      const phone = notice.to === 'buyer' ? (await this.users.findById(event.buyerUserId))?.phone : (await this.sellers.getContact(event.sellerId))?.phone;
      if (!phone) continue;
      await this.outbox.send({
        // One message per event and recipient: a retried dispatch finds the first.
        eventKey: `${event.key}:${notice.to}`,
        template: notice.template,
        phone,
        params: {
          code: event.orderCode,
          total: String(event.totals.totalVnd),
          ...(event.data?.['carrier'] ? { carrier: event.data['carrier'] } : {}),
          ...(event.data?.['trackingCode'] ? { trackingCode: event.data['trackingCode'] } : {}),
          ...(event.data?.['amountVnd'] ? { amount: event.data['amountVnd'] } : {}),
        },
      });
    }
  }
}

/** The seller's first completed order sets its onboarding funnel's `firstSaleAt` (once). */
@Injectable()
export class FirstSaleConsumer implements OrderEventConsumer {
  readonly name = 'first-sale';

  constructor(private readonly sellers: SellerDirectory) {}

  async handle(event: OrderEventRecord): Promise<void> {
    if (event.type !== 'order.completed') return;
    await this.sellers.markFirstSale(event.sellerId, event.at);
  }
}

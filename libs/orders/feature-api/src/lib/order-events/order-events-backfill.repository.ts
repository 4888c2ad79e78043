import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import { orderEventLine } from '../orders/order-transitions';
import { Order, type OrderLineDoc } from '../orders/order.schema';
import type { OrderEventLine } from './order-event-consumers';
import { OrderEvent } from './order-event.schema';

const PAGE = 500;

type EventLines = { _id: Types.ObjectId; orderId: string; lines?: Array<Partial<OrderEventLine>> };

/** An event written before its lines (or before their goods value) were carried. */
function incomplete(event: EventLines): boolean {
  return !event.lines?.length || event.lines.some((l) => typeof l.lineTotalVnd !== 'number' || typeof l.netWeightGrams !== 'number');
}

/**
 * Completes order events written before they carried their lines (tonnes sold) and the lines' goods value (top
 * products): writes the order's lines onto them, as the live code does for new events. An event already complete is
 * left alone, so a second run changes nothing. The event keeps its key and id: reporting re-derives its delta with a
 * `report:rebuild --apply` (run by `report:backfill` right after).
 */
@Injectable()
export class OrderEventsBackfillRepository {
  private readonly logger = new Logger(OrderEventsBackfillRepository.name);

  constructor(
    @InjectModel(OrderEvent.name) private readonly events: Model<OrderEvent>,
    @InjectModel(Order.name) private readonly orders: Model<Order>,
  ) {}

  async linesOfEarlierEvents(): Promise<number> {
    let completed = 0;
    for (let after: Types.ObjectId | null = null; ; ) {
      const page: EventLines[] = await this.events.find(after ? { _id: { $gt: after } } : {}, { orderId: 1, lines: 1 }).sort({ _id: 1 }).limit(PAGE).lean<EventLines[]>().exec();
      if (!page.length) break;
      after = page[page.length - 1]?._id ?? null;
      const todo = page.filter(incomplete);
      const orderIds = [...new Set(todo.map((e) => e.orderId))].filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
      const orders = await this.orders.find({ _id: { $in: orderIds } }, { lines: 1 }).lean<Array<{ _id: Types.ObjectId; lines: OrderLineDoc[] }>>().exec();
      const linesOf = new Map(orders.map((o) => [o._id.toHexString(), o.lines.map(orderEventLine)]));
      for (const event of todo) {
        const lines = linesOf.get(event.orderId);
        if (!lines?.length) continue;
        await this.events.updateOne({ _id: event._id }, { $set: { lines } }).exec();
        completed++;
      }
      if (page.length < PAGE) break;
    }
    if (completed) this.logger.log(`lines written onto ${completed} earlier order events`);
    return completed;
  }
}

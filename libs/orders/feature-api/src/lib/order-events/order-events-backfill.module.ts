import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Order, OrderSchema } from '../orders/order.schema';
import { OrderEvent, OrderEventSchema } from './order-event.schema';
import { OrderEventsBackfillRepository } from './order-events-backfill.repository';

/** Just what `report:backfill` needs of orders. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Order.name, schema: OrderSchema },
      { name: OrderEvent.name, schema: OrderEventSchema },
    ]),
  ],
  providers: [OrderEventsBackfillRepository],
  exports: [OrderEventsBackfillRepository],
})
export class OrderEventsBackfillModule {}

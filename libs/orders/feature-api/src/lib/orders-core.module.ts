import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BullModule } from '@nestjs/bullmq';
import { QUEUES } from '@nss/server-core';
import { CatalogCoreModule } from '@nss/catalog-api';
import { OnboardingModule } from '@nss/onboarding-api';
import { LotSalesModule } from '@nss/traceability-api';
import { BuyerAddress, BuyerAddressSchema } from './addresses/address.schema';
import { AddressesRepository } from './addresses/addresses.repository';
import { AddressesService } from './addresses/addresses.service';
import { Cart, CartSchema } from './carts/cart.schema';
import { CartsRepository } from './carts/carts.repository';
import { Checkout, CheckoutSchema } from './checkout/checkout.schema';
import { CheckoutRepair } from './checkout/checkout-repair';
import { CheckoutCreationEvents } from './checkout/checkout-creation-events';
import { CheckoutsRepository, OrderClaimsRepository } from './checkout/checkouts.repository';
import { OrderClaim, OrderClaimSchema } from './checkout/order-claim.schema';
import { StockReservations } from './checkout/stock-reservations';
import { OrderEvent, OrderEventSchema } from './order-events/order-event.schema';
import { OrderEventQueue } from './order-events/order-event-queue';
import { OrderEventsRepository } from './order-events/order-events.repository';
import { Order, OrderSchema } from './orders/order.schema';
import { OrderPayments } from './orders/order-payments';
import { OrderTransitions } from './orders/order-transitions';
import { OrdersRepository } from './orders/orders.repository';
import { OrdersService } from './orders/orders.service';

const models = MongooseModule.forFeature([
  { name: Cart.name, schema: CartSchema },
  { name: BuyerAddress.name, schema: BuyerAddressSchema },
  { name: Checkout.name, schema: CheckoutSchema },
  { name: OrderClaim.name, schema: OrderClaimSchema },
  { name: Order.name, schema: OrderSchema },
  { name: OrderEvent.name, schema: OrderEventSchema },
]);
const queues = BullModule.registerQueue({ name: QUEUES.orders }, { name: QUEUES.checkoutExpiry });

const providers = [
  CartsRepository,
  AddressesRepository,
  CheckoutsRepository,
  OrderClaimsRepository,
  OrdersRepository,
  OrderEventsRepository,
  AddressesService,
  StockReservations,
  CheckoutCreationEvents,
  CheckoutRepair,
  OrderEventQueue,
  OrderTransitions,
  OrdersService,
  OrderPayments,
];

/** Orders' storage, queues and services, shared by the API (OrdersModule) and the worker (OrdersWorkerModule). */
@Module({
  imports: [models, queues, CatalogCoreModule, OnboardingModule, LotSalesModule],
  providers,
  exports: [...providers, queues, OnboardingModule],
})
export class OrdersCoreModule {}

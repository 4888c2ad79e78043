import { Module } from '@nestjs/common';
import { CatalogModule } from '@nss/catalog-api';
import { CartsService } from './carts/carts.service';
import { CheckoutService } from './checkout/checkout.service';
import { AddressesController } from './http/addresses.controller';
import { CartsController } from './http/carts.controller';
import { OrdersController } from './http/orders.controller';
import { LedgerModule } from './ledger/ledger.module';
import { ReviewsModule } from './reviews/reviews.module';
import { OrdersCoreModule } from './orders-core.module';

/**
 * Orders in the API: carts, addresses, checkout, orders and their state machine, the seller ledger, reviews. Carts and
 * checkout price lines from the catalogue's in-memory search index, which only the API keeps (the worker imports
 * OrdersCoreModule, without them).
 */
@Module({
  imports: [OrdersCoreModule, CatalogModule, LedgerModule, ReviewsModule],
  controllers: [CartsController, AddressesController, OrdersController],
  providers: [CartsService, CheckoutService],
  exports: [OrdersCoreModule],
})
export class OrdersModule {}

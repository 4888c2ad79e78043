import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CheckoutResult, Order, OrderAction, OrderPage } from '@nss/contracts';
import { Actor, CurrentActor, IDEMPOTENCY_HEADER, Idempotent, Roles } from '@nss/server-core';
import { CheckoutService } from '../checkout/checkout.service';
import { OrdersService } from '../orders/orders.service';
import { CancelBodyDto, CheckoutBodyDto, CheckoutResultDto, OrderDto, OrderIdParamsDto, OrderListQueryDto, OrderPageDto, RefundRequestBodyDto, ShipBodyDto } from './orders.dto';

const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', required: true, description: 'Khoá chống lặp (1–255 ký tự ASCII) / 1–255 visible ASCII characters' };

/** Checkout and orders: reads scoped per role, transitions by the order's buyer, seller or managing agent. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller()
export class OrdersController {
  constructor(
    private readonly checkoutService: CheckoutService,
    private readonly orders: OrdersService,
  ) {}

  @Post('checkout')
  @Roles('buyer')
  @Idempotent('checkout')
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiCreatedResponse({ type: CheckoutResultDto })
  checkout(@CurrentActor() actor: Actor, @Body() body: CheckoutBodyDto, @Headers(IDEMPOTENCY_HEADER) key: string): Promise<CheckoutResult> {
    // The key (checked by the interceptor) marks the checkout: a retry after this request's process died finds it.
    return this.checkoutService.checkout(actor, body, new Date(), key);
  }

  @Get('orders')
  @Roles('buyer', 'seller', 'agent', 'province_staff', 'admin')
  @ApiOkResponse({ type: OrderPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: OrderListQueryDto): Promise<OrderPage> {
    return this.orders.list(actor, query);
  }

  @Get('orders/:id')
  @Roles('buyer', 'seller', 'agent', 'province_staff', 'admin')
  @ApiOkResponse({ type: OrderDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParamsDto): Promise<Order> {
    return this.orders.get(actor, id);
  }

  @Post('orders/:id/accept')
  @Roles('seller', 'agent')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  accept(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParamsDto, @Body() body: unknown): Promise<Order> {
    return this.act(actor, id, 'accept', body);
  }

  @Post('orders/:id/pack')
  @Roles('seller', 'agent')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  pack(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParamsDto, @Body() body: unknown): Promise<Order> {
    return this.act(actor, id, 'pack', body);
  }

  @Post('orders/:id/ship')
  @Roles('seller', 'agent')
  @HttpCode(200)
  @ApiBody({ type: ShipBodyDto })
  @ApiOkResponse({ type: OrderDto })
  ship(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParamsDto, @Body() body: unknown): Promise<Order> {
    return this.act(actor, id, 'ship', body);
  }

  @Post('orders/:id/deliver')
  @Roles('seller', 'agent')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  deliver(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParamsDto, @Body() body: unknown): Promise<Order> {
    return this.act(actor, id, 'deliver', body);
  }

  @Post('orders/:id/cancel')
  @Roles('buyer', 'seller', 'agent')
  @HttpCode(200)
  @ApiBody({ type: CancelBodyDto })
  @ApiOkResponse({ type: OrderDto })
  cancel(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParamsDto, @Body() body: unknown): Promise<Order> {
    return this.act(actor, id, 'cancel', body);
  }

  @Post('orders/:id/complete')
  @Roles('buyer')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  complete(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParamsDto, @Body() body: unknown): Promise<Order> {
    return this.act(actor, id, 'complete', body);
  }

  @Post('orders/:id/refund-request')
  @Roles('buyer')
  @HttpCode(200)
  @ApiBody({ type: RefundRequestBodyDto })
  @ApiOkResponse({ type: OrderDto })
  refundRequest(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParamsDto, @Body() body: unknown): Promise<Order> {
    return this.act(actor, id, 'refund-request', body);
  }

  private act(actor: Actor, id: string, action: OrderAction, body: unknown): Promise<Order> {
    return this.orders.act(actor, id, action, body);
  }
}

import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CartView, GuestCartCreated } from '@nss/contracts';
import { Actor, CurrentActor, OptionalActor, Public, Roles } from '@nss/server-core';
import { CartsService } from '../carts/carts.service';
import { CartItemBodyDto, CartItemParamsDto, CartViewDto, GuestCartCreatedDto } from './orders.dto';

const CART_TOKEN = { name: 'X-Cart-Token', required: false, description: 'Mã giỏ hàng của khách (POST /api/carts) / guest cart token' };

/** Carts: a guest's by `X-Cart-Token`, a signed-in buyer's by the account. */
@ApiTags('carts')
@Controller()
export class CartsController {
  constructor(private readonly carts: CartsService) {}

  @Post('carts')
  @Public()
  @ApiCreatedResponse({ type: GuestCartCreatedDto })
  create(): Promise<GuestCartCreated> {
    return this.carts.createGuest();
  }

  @Get('cart')
  @Public()
  @ApiHeader(CART_TOKEN)
  @ApiOkResponse({ type: CartViewDto })
  get(@OptionalActor() actor: Actor | undefined, @Headers('x-cart-token') token: string | undefined): Promise<CartView> {
    return this.carts.get(actor, token);
  }

  @Put('cart/items/:productId')
  @Public()
  @ApiHeader(CART_TOKEN)
  @ApiOkResponse({ type: CartViewDto })
  setItem(
    @OptionalActor() actor: Actor | undefined,
    @Headers('x-cart-token') token: string | undefined,
    @Param() { productId }: CartItemParamsDto,
    @Body() body: CartItemBodyDto,
  ): Promise<CartView> {
    return this.carts.setQuantity(actor, token, productId, body.quantity);
  }

  @Delete('cart/items/:productId')
  @Public()
  @ApiHeader(CART_TOKEN)
  @ApiOkResponse({ type: CartViewDto })
  removeItem(@OptionalActor() actor: Actor | undefined, @Headers('x-cart-token') token: string | undefined, @Param() { productId }: CartItemParamsDto): Promise<CartView> {
    return this.carts.removeItem(actor, token, productId);
  }

  @Post('cart/merge')
  @Roles('buyer')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiHeader({ ...CART_TOKEN, required: true })
  @ApiOkResponse({ type: CartViewDto })
  merge(@CurrentActor() actor: Actor, @Headers('x-cart-token') token: string | undefined): Promise<CartView> {
    return this.carts.merge(actor, token);
  }

  @Post('cart/accept-changes')
  @Public()
  @HttpCode(200)
  @ApiHeader(CART_TOKEN)
  @ApiOkResponse({ type: CartViewDto })
  acceptChanges(@OptionalActor() actor: Actor | undefined, @Headers('x-cart-token') token: string | undefined): Promise<CartView> {
    return this.carts.acceptChanges(actor, token);
  }
}

import {
  addressCreateSchema,
  addressIdParamsSchema,
  addressListSchema,
  addressPatchSchema,
  addressSchema,
  cancelBodySchema,
  cartItemBodySchema,
  cartItemParamsSchema,
  cartViewSchema,
  checkoutBodySchema,
  checkoutResultSchema,
  guestCartCreatedSchema,
  orderIdParamsSchema,
  orderListQuerySchema,
  orderPageSchema,
  orderSchema,
  refundRequestBodySchema,
  shipBodySchema,
} from '@nss/contracts';
import { createZodDto } from '@nss/server-core';

export class GuestCartCreatedDto extends createZodDto(guestCartCreatedSchema) {}
export class CartViewDto extends createZodDto(cartViewSchema) {}
export class CartItemBodyDto extends createZodDto(cartItemBodySchema) {}
export class CartItemParamsDto extends createZodDto(cartItemParamsSchema) {}
export class AddressCreateDto extends createZodDto(addressCreateSchema) {}
export class AddressPatchDto extends createZodDto(addressPatchSchema) {}
export class AddressDto extends createZodDto(addressSchema) {}
export class AddressListDto extends createZodDto(addressListSchema) {}
export class AddressIdParamsDto extends createZodDto(addressIdParamsSchema) {}
export class CheckoutBodyDto extends createZodDto(checkoutBodySchema) {}
export class CheckoutResultDto extends createZodDto(checkoutResultSchema) {}
export class OrderDto extends createZodDto(orderSchema) {}
export class OrderPageDto extends createZodDto(orderPageSchema) {}
export class OrderListQueryDto extends createZodDto(orderListQuerySchema) {}
export class OrderIdParamsDto extends createZodDto(orderIdParamsSchema) {}
export class ShipBodyDto extends createZodDto(shipBodySchema) {}
export class CancelBodyDto extends createZodDto(cancelBodySchema) {}
export class RefundRequestBodyDto extends createZodDto(refundRequestBodySchema) {}

import { z } from 'zod';
import { adminEraSchema, communeCodeSchema, isoDateTimeSchema, objectIdSchema, pageOf, provinceCodeSchema, vndSchema, vnMobileSchema } from './common';
import { productUnitSchema } from './catalog';

/** Carts, buyer addresses, checkout and orders (docs/design/orders-payments.md, docs/api-surface.md § Orders). */

// ---------------------------------------------------------------------------------------------------------------
// Carts

/** A guest cart's bearer token: 128 random bits, base64url (22 characters). Sent back in `X-Cart-Token`. */
export const cartTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, { message: 'Mã giỏ hàng không hợp lệ / invalid cart token' });
export const CART_TOKEN_HEADER = 'x-cart-token';

export const guestCartCreatedSchema = z.object({ cartToken: z.string() });
export type GuestCartCreated = z.infer<typeof guestCartCreatedSchema>;

/** Most units of one product in one cart line or checkout line. */
export const MAX_LINE_QUANTITY = 1000;
/** Most distinct products in one cart. */
export const MAX_CART_LINES = 50;

const quantitySchema = z
  .number({ message: 'Số lượng phải là số nguyên / quantity must be a whole number' })
  .int({ message: 'Số lượng phải là số nguyên / quantity must be a whole number' })
  .min(1, { message: 'Số lượng tối thiểu là 1 / quantity must be at least 1' })
  .max(MAX_LINE_QUANTITY, { message: `Số lượng tối đa ${MAX_LINE_QUANTITY} / at most ${MAX_LINE_QUANTITY}` });

/** `PUT /api/cart/items/:productId`: 0 removes the line. */
export const cartItemBodySchema = z.strictObject({
  quantity: z
    .number({ message: 'Số lượng phải là số nguyên / quantity must be a whole number' })
    .int({ message: 'Số lượng phải là số nguyên / quantity must be a whole number' })
    .min(0, { message: 'Số lượng không được âm / quantity cannot be negative' })
    .max(MAX_LINE_QUANTITY, { message: `Số lượng tối đa ${MAX_LINE_QUANTITY} / at most ${MAX_LINE_QUANTITY}` }),
});
export type CartItemBody = z.infer<typeof cartItemBodySchema>;

export const CART_LINE_FLAGS = ['price_changed', 'unavailable', 'insufficient_stock'] as const;
export const cartLineFlagSchema = z.enum(CART_LINE_FLAGS);
export type CartLineFlag = z.infer<typeof cartLineFlagSchema>;

export const cartLineSchema = z.object({
  productId: z.string(),
  name: z.string(),
  thumbnailUrl: z.string().nullable(),
  unit: productUnitSchema,
  netWeightGrams: z.number().int(),
  quantity: z.number().int(),
  /** The price now. */
  unitPriceVnd: vndSchema,
  /** The price when the line was added (or last accepted). */
  addedPriceVnd: vndSchema,
  lineTotalVnd: vndSchema,
  stock: z.number().int(),
  flags: z.array(cartLineFlagSchema),
});
export type CartLine = z.infer<typeof cartLineSchema>;

export const cartGroupSchema = z.object({
  sellerId: z.string(),
  sellerName: z.string(),
  provinceName: z.string(),
  lines: z.array(cartLineSchema),
  subtotalVnd: vndSchema,
});
export type CartGroup = z.infer<typeof cartGroupSchema>;

export const cartViewSchema = z.object({ groups: z.array(cartGroupSchema), itemsTotalVnd: vndSchema, hasIssues: z.boolean() });
export type CartView = z.infer<typeof cartViewSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Addresses

export const MAX_ADDRESSES = 10;

export const addressInputSchema = z.strictObject({
  recipientName: z.string().trim().min(2, { message: 'Tên người nhận tối thiểu 2 ký tự / recipient name needs 2 characters' }).max(100),
  phone: vnMobileSchema,
  street: z.string().trim().min(3, { message: 'Địa chỉ tối thiểu 3 ký tự / street needs 3 characters' }).max(200),
  provinceCode: provinceCodeSchema,
  communeCode: communeCodeSchema,
});
export type AddressInput = z.infer<typeof addressInputSchema>;

/** `POST /api/me/addresses`: the address, and `isDefault: true` to make it the default at once. */
export const addressCreateSchema = addressInputSchema.extend({ isDefault: z.boolean().optional() });
export type AddressCreate = z.infer<typeof addressCreateSchema>;

/** `PATCH /api/me/addresses/:id`: any of the fields, at least one. */
export const addressPatchSchema = addressInputSchema
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Không có gì để sửa / nothing to change' });
export type AddressPatch = z.infer<typeof addressPatchSchema>;

export const addressSchema = z.object({
  id: z.string(),
  recipientName: z.string(),
  /** National form "0912345678". */
  phone: z.string(),
  street: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  adminEra: adminEraSchema,
  /**
   * The buyer's default address (exactly one when the book is not empty: the one made default last, else the
   * oldest). Lists put it first.
   */
  isDefault: z.boolean(),
});
export type Address = z.infer<typeof addressSchema>;

export const addressListSchema = z.object({ items: z.array(addressSchema) });
export type AddressList = z.infer<typeof addressListSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Checkout

export const PAYMENT_METHODS = ['vnpay', 'bank_transfer', 'cod'] as const;
export const paymentMethodSchema = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** Most characters of the buyer's note to one seller. */
export const MAX_SELLER_NOTE = 500;
const sellerNoteSchema = z
  .string()
  .trim()
  .max(MAX_SELLER_NOTE, { message: `Ghi chú tối đa ${MAX_SELLER_NOTE} ký tự / a note has at most ${MAX_SELLER_NOTE} characters` });

export const checkoutItemSchema = z.strictObject({ productId: objectIdSchema, quantity: quantitySchema });
export type CheckoutItem = z.infer<typeof checkoutItemSchema>;

/**
 * `POST /api/checkout` (header `Idempotency-Key`). Exactly one of `addressId` / `address`. Strict: a price, total,
 * status or seller id sent by the client is refused (400) — the server prices everything.
 */
export const checkoutBodySchema = z
  .strictObject({
    addressId: objectIdSchema.optional(),
    address: addressInputSchema.optional(),
    paymentMethod: paymentMethodSchema,
    /** "Buy now": these lines instead of the cart's. */
    items: z
      .array(checkoutItemSchema)
      .min(1)
      .max(MAX_CART_LINES)
      .refine((items) => new Set(items.map((i) => i.productId)).size === items.length, { message: 'Sản phẩm bị lặp / duplicate product' })
      .optional(),
    /** A note to each seller, keyed by seller id (`notes.<sellerId>` names a note at fault). */
    notes: z.record(objectIdSchema, sellerNoteSchema).optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.addressId === undefined) === (value.address === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['addressId'], message: 'Chọn một địa chỉ hoặc nhập địa chỉ mới / give addressId or address (one of them)' });
    }
  });
export type CheckoutBody = z.infer<typeof checkoutBodySchema>;

export const ORDER_STATES = [
  'awaiting_payment',
  'paid',
  'cod_confirmed',
  'accepted',
  'packed',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refund_requested',
  'refunded',
] as const;
export const orderStateSchema = z.enum(ORDER_STATES);
export type OrderState = z.infer<typeof orderStateSchema>;

export const PAYMENT_STATUSES = ['unpaid', 'processing', 'succeeded', 'refunded', 'failed'] as const;
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export const CHECKOUT_STATES = ['awaiting_payment', 'settled', 'expired', 'cancelled'] as const;
export const checkoutStateSchema = z.enum(CHECKOUT_STATES);
export type CheckoutState = z.infer<typeof checkoutStateSchema>;

export const orderSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  sellerId: z.string(),
  sellerName: z.string(),
  state: orderStateSchema,
  paymentMethod: paymentMethodSchema,
  paymentStatus: paymentStatusSchema,
  itemsTotalVnd: vndSchema,
  shippingFeeVnd: vndSchema,
  totalVnd: vndSchema,
  itemCount: z.number().int(),
  createdAt: isoDateTimeSchema,
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const checkoutResultSchema = z.object({
  checkoutId: z.string(),
  code: z.string(),
  paymentMethod: paymentMethodSchema,
  totalVnd: vndSchema,
  expiresAt: isoDateTimeSchema.nullable(),
  orders: z.array(orderSummarySchema),
});
export type CheckoutResult = z.infer<typeof checkoutResultSchema>;

/** 409 `CART_CHANGED` / `OUT_OF_STOCK` list the lines at fault in `issues` (path `items.<productId>`). */

// ---------------------------------------------------------------------------------------------------------------
// Orders

export const ORDER_ACTIONS = ['accept', 'pack', 'ship', 'deliver', 'cancel', 'complete', 'refund-request'] as const;
export const orderActionSchema = z.enum(ORDER_ACTIONS);
export type OrderAction = z.infer<typeof orderActionSchema>;

export const orderLineSchema = z.object({
  productId: z.string(),
  name: z.string(),
  unit: productUnitSchema,
  netWeightGrams: z.number().int(),
  unitPriceVnd: vndSchema,
  quantity: z.number().int(),
  lineTotalVnd: vndSchema,
  /** The lot the seller shipped this line from (recorded when shipping), and the stamps on its packages. */
  lotId: z.string().nullable(),
  lotCode: z.string().nullable(),
  stampSerials: z.array(z.string()),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const shippingAddressSchema = z.object({
  recipientName: z.string(),
  phone: z.string(),
  street: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

export const orderActorRoleSchema = z.enum(['buyer', 'seller', 'agent', 'staff', 'admin', 'system']);
export type OrderActorRole = z.infer<typeof orderActorRoleSchema>;

export const orderHistoryEntrySchema = z.object({
  from: orderStateSchema.nullable(),
  to: orderStateSchema,
  at: isoDateTimeSchema,
  actorUserId: z.string().nullable(),
  actorRole: orderActorRoleSchema,
  reason: z.string().optional(),
});
export type OrderHistoryEntry = z.infer<typeof orderHistoryEntrySchema>;

export const orderSchema = orderSummarySchema.extend({
  checkoutId: z.string(),
  checkoutCode: z.string(),
  buyerUserId: z.string(),
  lines: z.array(orderLineSchema),
  weightGrams: z.number().int(),
  shippingAddress: shippingAddressSchema,
  note: z.string().nullable(),
  stateVersion: z.number().int(),
  history: z.array(orderHistoryEntrySchema),
  shipment: z.object({ carrier: z.string(), trackingCode: z.string() }).nullable(),
  cancelReason: z.string().nullable(),
  updatedAt: isoDateTimeSchema,
});
export type Order = z.infer<typeof orderSchema>;

export const orderPageSchema = pageOf(orderSummarySchema);
export type OrderPage = z.infer<typeof orderPageSchema>;

export const orderListQuerySchema = z.strictObject({
  status: orderStateSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

const reasonSchema = z.string().trim().min(3, { message: 'Lý do tối thiểu 3 ký tự / reason needs 3 characters' }).max(500);

/** Bodies of the transitions (`POST /api/orders/:id/<action>`). Actions without a body take `{}`. */
export const emptyActionBodySchema = z.strictObject({});
/**
 * The lot one order line was shipped from and, optionally, the serials of the stamps on its packages (at most the line's
 * quantity; each must be an active, unsold stamp of that lot). The check character of each serial is verified by the
 * API before any lookup (`@nss/trace-codes`); spaces, dashes and case are ignored.
 */
export const shipLineLotSchema = z.strictObject({
  productId: objectIdSchema,
  lotId: objectIdSchema,
  serials: z
    .array(z.string().min(1, { message: 'Bắt buộc / required' }).max(40, { message: 'Tối đa 40 ký tự / at most 40 characters' }))
    .max(MAX_LINE_QUANTITY, { message: `Tối đa ${MAX_LINE_QUANTITY} tem / at most ${MAX_LINE_QUANTITY} stamps` })
    .optional(),
});
export type ShipLineLot = z.infer<typeof shipLineLotSchema>;
export const shipBodySchema = z.strictObject({
  carrier: z.string().trim().min(2).max(60),
  trackingCode: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, { message: 'Mã vận đơn 4–40 ký tự chữ, số, gạch ngang / tracking code: 4–40 letters, digits, dashes' }),
  /** Per order line (named by its product): the lot shipped and its stamps. Lines not named carry no lot. */
  lines: z.array(shipLineLotSchema).max(MAX_CART_LINES, { message: `Tối đa ${MAX_CART_LINES} dòng / at most ${MAX_CART_LINES} lines` }).optional(),
});
export type ShipBody = z.infer<typeof shipBodySchema>;
/** Seller or agent cancel: a reason is required. Buyer cancel: optional. */
export const cancelBodySchema = z.strictObject({ reason: reasonSchema.optional() });
export type CancelBody = z.infer<typeof cancelBodySchema>;
export const refundRequestBodySchema = z.strictObject({ reason: reasonSchema });
export type RefundRequestBody = z.infer<typeof refundRequestBodySchema>;

/** Where order events carry the places (reporting consumes them): seller's and buyer's codes of one era. */
export const orderPlaceSchema = z.object({ provinceCode: provinceCodeSchema, communeCode: communeCodeSchema, adminEra: adminEraSchema });

/** Path parameters. */
export const orderIdParamsSchema = z.strictObject({ id: objectIdSchema });
export const addressIdParamsSchema = z.strictObject({ id: objectIdSchema });
export const cartItemParamsSchema = z.strictObject({ productId: objectIdSchema });

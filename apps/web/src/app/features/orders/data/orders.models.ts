/**
 * Shapes of the orders, ledger and review endpoints as the pages use them (docs/design/orders-payments.md).
 * Types only from `@nss/contracts` (`import type`), so the browser bundle does not carry zod; the two value lists the
 * pages need are repeated here and checked against the contract's types.
 */
import type { OrderState, PaymentMethod } from '@nss/contracts';

export type {
  Address,
  AddressCreate,
  AddressInput,
  AddressList,
  AddressPatch,
  CartGroup,
  CartLine,
  CartLineFlag,
  CartView,
  CheckoutBody,
  CheckoutResult,
  CreatePayoutRequest,
  CreateReviewRequest,
  LedgerEntry,
  LedgerEntryKind,
  LedgerTotals,
  Order,
  OrderHistoryEntry,
  OrderLine,
  OrderListQuery,
  OrderState,
  OrderSummary,
  Page,
  PaymentMethod,
  PaymentStatus,
  ProductReviews,
  PublicReview,
  Review,
  ReviewStatus,
  SellerLedger,
  SellerStatement,
  ShipBody,
  ShippingAddress,
  StatementEntry,
} from '@nss/contracts';

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
] as const satisfies readonly OrderState[];

export const PAYMENT_METHODS = ['vnpay', 'bank_transfer', 'cod'] as const satisfies readonly PaymentMethod[];

/** Most addresses in a buyer's book (the API's `MAX_ADDRESSES`, checked in the address-book spec). */
export const MAX_ADDRESSES = 10;

/** Most characters of a note to one seller at checkout (the API's `MAX_SELLER_NOTE`, checked in the checkout spec). */
export const MAX_SELLER_NOTE = 500;

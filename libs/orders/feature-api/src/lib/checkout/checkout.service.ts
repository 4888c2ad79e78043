import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { ApiIssue, CheckoutBody, CheckoutResult, PaymentMethod } from '@nss/contracts';
import { Actor, APP_CONFIG, AppConfig, AppError, DocumentLocks, type LockLease, requestInProgress } from '@nss/server-core';
import { ProductWriter } from '@nss/catalog-api';
import { vnDayKey, vnMonthKey } from '@nss/util-vn';
import { AddressesService } from '../addresses/addresses.service';
import { CartsService } from '../carts/carts.service';
import { initialOrderState } from '../orders/order-state-machine';
import { orderSummaryView } from '../orders/order-view';
import type { Order } from '../orders/order.schema';
import { OrdersRepository } from '../orders/orders.repository';
import { shippingFeeVnd } from '../shipping/shipping-fee';
import type { Checkout, CheckoutDocState, ReservationDoc } from './checkout.schema';
import { CHECKOUT_SCOPE, CheckoutsRepository } from './checkouts.repository';
import { CheckoutCreationEvents } from './checkout-creation-events';
import { CheckoutRepair } from './checkout-repair';
import { newCheckoutCode, newOrderCode } from './order-codes';
import { holdKey, STOCK_SCOPE, StockReservations } from './stock-reservations';

export { CHECKOUT_SCOPE };
export { CHECKOUT_EXPIRY_JOB_OPTIONS } from './checkout-creation-events';

interface PricedLine {
  productId: string;
  sellerId: string;
  sellerName: string;
  provinceCode: string;
  communeCode: string;
  name: string;
  unit: Order['lines'][number]['unit'];
  netWeightGrams: number;
  unitPriceVnd: number;
  quantity: number;
}

export function outOfStock(productId: string, name: string): AppError {
  return new AppError(409, 'OUT_OF_STOCK', `Sản phẩm "${name}" không đủ hàng`, `Not enough stock of "${name}"`, [
    { path: `items.${productId}`, message: 'Không đủ hàng / out of stock' },
  ]);
}

/**
 * Lease of a request's lock (`checkout-request`, per buyer and Idempotency-Key), extended while the request runs: a
 * retry of a request whose process died takes over after this long at most.
 */
export const CHECKOUT_REQUEST_LEASE_MS = 5_000;

function cartChanged(issues: ApiIssue[]): AppError {
  return new AppError(409, 'CART_CHANGED', 'Giỏ hàng đã thay đổi (giá, tình trạng hoặc tồn kho), vui lòng xem lại', 'The cart changed (price, availability or stock): review it', issues);
}

/**
 * Checkout: prices every line on the server, reserves stock line by line in a fixed order (compensating on a later
 * failure), and creates one checkout and one order per seller. Reservations are written on the checkout before the
 * stock is taken, each with the key its take is recorded under on the product (in the same update as the decrement):
 * a failure or a crash at any step is repaired (by the failure path, the retry of its Idempotency-Key, or the worker's
 * sweep) by returning exactly what was taken, once.
 *
 * A request with an Idempotency-Key runs under a lock of that key (lease `CHECKOUT_REQUEST_LEASE_MS`) and marks its
 * checkout with it: a retry after the first request's process died finds that checkout and finishes it (its orders
 * were written) or repairs it and checks out again; never a second checkout from one key. While the first request
 * really runs, the retry is answered 409 IDEMPOTENCY_REQUEST_IN_PROGRESS.
 */
@Injectable()
export class CheckoutService {
  private readonly logger = new Logger(CheckoutService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly products: ProductWriter,
    private readonly addresses: AddressesService,
    private readonly carts: CartsService,
    private readonly checkouts: CheckoutsRepository,
    private readonly orders: OrdersRepository,
    private readonly stock: StockReservations,
    private readonly creationEvents: CheckoutCreationEvents,
    private readonly repair: CheckoutRepair,
    private readonly locks: DocumentLocks,
  ) {}

  /** `idempotencyKey`: the request's Idempotency-Key (the HTTP route requires one). */
  async checkout(actor: Actor, body: CheckoutBody, now = new Date(), idempotencyKey?: string): Promise<CheckoutResult> {
    if (!idempotencyKey) return this.create(actor, body, now, null);
    const requestKey = createHash('sha256').update(idempotencyKey).digest('hex');
    let started = false;
    try {
      return await this.locks.run(
        'checkout-request',
        `${actor.userId}:${requestKey}`,
        async (lease) => {
          started = true;
          const earlier = await this.checkouts.findByRequest(CHECKOUT_SCOPE, actor.userId, requestKey);
          if (earlier) {
            const id = earlier.id as string;
            // Its request is not running (we hold its key's lock): finish or repair what it left.
            const state = earlier.state === 'reserving' ? await this.repair.repairOne(id, now) : earlier.state;
            if (state !== 'cancelled' || earlier.orderIds.length > 0) return this.resultOf(actor, body, id);
            // Cancelled without orders: the key may check out again.
            await this.checkouts.update(CHECKOUT_SCOPE, id, { $set: { requestKey: null } });
          }
          return this.create(actor, body, now, requestKey, lease);
        },
        { ttlMs: CHECKOUT_REQUEST_LEASE_MS, waitMs: 0 },
      );
    } catch (error) {
      const busy = error instanceof AppError && (error.getResponse() as { code?: string }).code === 'BUSY';
      if (busy && !started) throw requestInProgress();
      throw error;
    }
  }

  /** The answer of a checkout made earlier by the same request (its retry). */
  private async resultOf(actor: Actor, body: CheckoutBody, checkoutId: string): Promise<CheckoutResult> {
    const checkout = await this.checkouts.findById(CHECKOUT_SCOPE, checkoutId);
    const orders = await this.orders.byCheckout(CHECKOUT_SCOPE, checkoutId);
    if (!checkout) throw requestInProgress();
    if (body.items === undefined) {
      await this.carts.removePurchased(actor, checkout.reservations.map((r) => r.productId)).catch((error: unknown) => this.logger.warn(`cart not cleared: ${String(error)}`));
    }
    return {
      checkoutId,
      code: checkout.code,
      paymentMethod: checkout.paymentMethod,
      totalVnd: checkout.totalVnd,
      expiresAt: checkout.expiresAt?.toISOString() ?? null,
      orders: orders.map((o) => orderSummaryView(o)),
    };
  }

  private async create(actor: Actor, body: CheckoutBody, now: Date, requestKey: string | null, lease?: LockLease): Promise<CheckoutResult> {
    const address = await this.addresses.resolveForCheckout(actor, body);
    const fromCart = body.items === undefined;
    const wanted = fromCart ? await this.carts.linesForCheckout(actor) : body.items!.map((i) => ({ productId: i.productId, quantity: i.quantity, addedPriceVnd: null }));
    if (wanted.length === 0) {
      throw AppError.badRequest('CART_EMPTY', 'Giỏ hàng trống', 'The cart is empty', [{ path: 'items', message: 'Không có sản phẩm / nothing to buy' }]);
    }
    const lines = await this.price(wanted, fromCart);
    const bySeller = new Map<string, PricedLine[]>();
    for (const line of lines) bySeller.set(line.sellerId, [...(bySeller.get(line.sellerId) ?? []), line]);
    for (const sellerId of Object.keys(body.notes ?? {})) {
      if (!bySeller.has(sellerId)) throw AppError.invalidField(`notes.${sellerId}`, 'Người bán không có trong đơn', 'no line of this seller');
    }

    const checkoutId = new Types.ObjectId();
    const checkoutKey = checkoutId.toHexString();
    const code = newCheckoutCode();
    const parcels = [...bySeller.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([sellerId, sellerLines]) => {
      const itemsTotalVnd = sellerLines.reduce((sum, l) => sum + l.unitPriceVnd * l.quantity, 0);
      const weightGrams = sellerLines.reduce((sum, l) => sum + l.netWeightGrams * l.quantity, 0);
      const fee = shippingFeeVnd(this.config.SHIPPING_RULES, {
        sellerProvinceCode: sellerLines[0]!.provinceCode,
        buyerProvinceCode: address.provinceCode,
        weightGrams,
        itemsSubtotalVnd: itemsTotalVnd,
      });
      return { sellerId, lines: sellerLines, itemsTotalVnd, weightGrams, shippingFeeVnd: fee };
    });
    const itemsTotalVnd = parcels.reduce((s, p) => s + p.itemsTotalVnd, 0);
    const shippingTotalVnd = parcels.reduce((s, p) => s + p.shippingFeeVnd, 0);
    const expiresAt = this.expiryOf(body.paymentMethod, now);
    // The fixed order of reservations (by product id) keeps two checkouts of the same products from crossing.
    const reservations: ReservationDoc[] = [...lines]
      .sort((a, b) => a.productId.localeCompare(b.productId))
      .map((l) => ({ productId: l.productId, sellerId: l.sellerId, quantity: l.quantity, taken: false, hold: holdKey(checkoutKey, l.productId) }));
    await this.checkouts.insert(CHECKOUT_SCOPE, {
      _id: checkoutId,
      code,
      buyerUserId: actor.userId,
      paymentMethod: body.paymentMethod,
      itemsTotalVnd,
      shippingTotalVnd,
      totalVnd: itemsTotalVnd + shippingTotalVnd,
      state: 'reserving',
      expiresAt,
      orderIds: [],
      reservations,
      requestKey,
    });

    await this.reserve(checkoutKey, reservations, lines);

    const initial = initialOrderState(body.paymentMethod);
    const orderDocs: Array<Partial<Order> & { _id: Types.ObjectId }> = parcels.map((p) => {
      const first = p.lines[0]!;
      return {
        _id: new Types.ObjectId(),
        code: newOrderCode(),
        checkoutId: checkoutKey,
        checkoutCode: code,
        buyerUserId: actor.userId,
        sellerId: p.sellerId,
        sellerName: first.sellerName,
        provinceCode: first.provinceCode,
        communeCode: first.communeCode,
        buyerProvinceCode: address.provinceCode,
        buyerCommuneCode: address.communeCode,
        adminEra: '2025',
        dayVn: vnDayKey(now),
        monthVn: vnMonthKey(now),
        lines: p.lines.map((l) => ({
          productId: l.productId,
          name: l.name,
          unit: l.unit,
          netWeightGrams: l.netWeightGrams,
          unitPriceVnd: l.unitPriceVnd,
          quantity: l.quantity,
          lineTotalVnd: l.unitPriceVnd * l.quantity,
          lotId: null,
          lotCode: null,
          stampSerials: [],
        })),
        itemsTotalVnd: p.itemsTotalVnd,
        shippingFeeVnd: p.shippingFeeVnd,
        totalVnd: p.itemsTotalVnd + p.shippingFeeVnd,
        weightGrams: p.weightGrams,
        shippingAddress: address,
        note: body.notes?.[p.sellerId]?.trim() || null,
        paymentMethod: body.paymentMethod,
        paymentStatus: 'unpaid',
        state: initial,
        stateVersion: 1,
        history: [{ from: null, to: initial, at: now, actorUserId: actor.userId, actorRole: 'buyer' }],
        shipment: null,
        cancelReason: null,
        deliveredAt: null,
        lockFence: null,
      };
    });
    // A request that lost its key's lock (stalled past its lease) leaves the checkout to the retry that took it over.
    await lease?.assertHeld();
    try {
      await this.orders.insertMany(CHECKOUT_SCOPE, orderDocs);
    } catch (error) {
      // The write may have landed before the failure: then the orders stand and the repair finishes the checkout.
      const written = await this.orders.byCheckout(CHECKOUT_SCOPE, checkoutKey).then((found) => found.length > 0, () => true);
      if (!written) await this.compensateOrLeave(checkoutKey, reservations, 'order_write_failed');
      throw error;
    }
    const state: CheckoutDocState = body.paymentMethod === 'cod' ? 'settled' : 'awaiting_payment';
    const orderIds = orderDocs.map((o) => o._id.toHexString());
    await this.checkouts.update(CHECKOUT_SCOPE, checkoutKey, { $set: { state, orderIds } });
    await this.stock.settle(checkoutKey, reservations);
    await this.creationEvents.afterCreate(checkoutKey, body.paymentMethod, expiresAt, orderDocs, actor, now);
    if (fromCart) await this.carts.removePurchased(actor, lines.map((l) => l.productId)).catch((error: unknown) => this.logger.warn(`cart not cleared: ${String(error)}`));

    const sellerNames = new Map(orderDocs.map((o) => [o.sellerId, o.sellerName]));
    return {
      checkoutId: checkoutKey,
      code,
      paymentMethod: body.paymentMethod,
      totalVnd: itemsTotalVnd + shippingTotalVnd,
      expiresAt: expiresAt?.toISOString() ?? null,
      orders: orderDocs.map((o) => orderSummaryView({ ...(o as Order), sellerName: sellerNames.get(o.sellerId) ?? '', createdAt: now, updatedAt: now, _id: o._id })),
    };
  }

  expiryOf(method: PaymentMethod, now: Date): Date | null {
    if (method === 'cod') return null;
    const seconds = method === 'vnpay' ? this.config.ORDER_EXPIRY_VNPAY_SECONDS : this.config.ORDER_EXPIRY_BANK_TRANSFER_SECONDS;
    return new Date(now.getTime() + seconds * 1000);
  }

  /** Server prices: the product as stored now. Cart lines whose price, availability or stock moved → 409 CART_CHANGED. */
  private async price(wanted: ReadonlyArray<{ productId: string; quantity: number; addedPriceVnd: number | null }>, fromCart: boolean): Promise<PricedLine[]> {
    const docs = await Promise.all(wanted.map((w) => this.products.findById(STOCK_SCOPE, w.productId)));
    const issues: ApiIssue[] = [];
    const lines: PricedLine[] = [];
    wanted.forEach((w, i) => {
      const doc = docs[i];
      if (!doc || doc.status !== 'approved') {
        issues.push({ path: `items.${w.productId}`, message: 'Sản phẩm không còn bán / unavailable' });
        return;
      }
      if (fromCart && w.addedPriceVnd !== null && w.addedPriceVnd !== doc.priceVnd) {
        issues.push({ path: `items.${w.productId}`, message: 'Giá đã thay đổi / price_changed' });
      }
      if (fromCart && doc.stock < w.quantity) issues.push({ path: `items.${w.productId}`, message: 'Không đủ hàng / insufficient_stock' });
      if (!fromCart && doc.stock < w.quantity) throw outOfStock(w.productId, doc.name);
      lines.push({
        productId: w.productId,
        sellerId: doc.sellerId,
        sellerName: doc.sellerName,
        provinceCode: doc.provinceCode,
        communeCode: doc.communeCode,
        name: doc.name,
        unit: doc.unit,
        netWeightGrams: doc.netWeightGrams,
        unitPriceVnd: doc.priceVnd,
        quantity: w.quantity,
      });
    });
    if (issues.length) throw cartChanged(issues);
    return lines;
  }

  /**
   * Takes each reservation in order (under its hold key); on a failure returns what was taken — the failing line's
   * too, if its take happened before the failure — and answers 409 OUT_OF_STOCK or the failure.
   */
  private async reserve(checkoutId: string, reservations: ReservationDoc[], lines: PricedLine[]): Promise<void> {
    for (const r of reservations) {
      let taken: boolean;
      try {
        taken = await this.takeRetryingBusy(r.hold!, r.productId, r.quantity);
        if (taken) {
          r.taken = true;
          await this.checkouts.update(CHECKOUT_SCOPE, checkoutId, { $set: { reservations } });
        }
      } catch (error) {
        await this.compensateOrLeave(checkoutId, reservations, 'reservation_failed');
        throw error;
      }
      if (!taken) {
        await this.compensate(checkoutId, reservations, 'out_of_stock');
        throw outOfStock(r.productId, lines.find((l) => l.productId === r.productId)?.name ?? r.productId);
      }
    }
  }

  /** A product lock held too long by others (409 BUSY) is tried again twice before the checkout gives up. */
  private async takeRetryingBusy(hold: string, productId: string, quantity: number): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.stock.takeHeld(hold, productId, quantity);
      } catch (error) {
        const busy = error instanceof AppError && (error.getResponse() as { code?: string }).code === 'BUSY';
        if (!busy || attempt >= 3) throw error;
      }
    }
  }

  /** Returns what this checkout took (each line whose take happened, at most once) and closes it, freeing its key. */
  async compensate(checkoutId: string, reservations: ReadonlyArray<ReservationDoc>, reason: string): Promise<void> {
    await this.stock.releaseReserving(checkoutId, reservations);
    await this.checkouts.update(CHECKOUT_SCOPE, checkoutId, { $set: { state: 'cancelled' satisfies Checkout['state'], closedReason: reason, requestKey: null } });
  }

  /**
   * The compensation of a failure whose cause (the database or Redis gone) may fail it as well: then the checkout is
   * left `reserving` for the retry of its key or the sweep to repair (the caller answers the first failure).
   */
  private async compensateOrLeave(checkoutId: string, reservations: ReadonlyArray<ReservationDoc>, reason: string): Promise<void> {
    await this.compensate(checkoutId, reservations, reason).catch((error: unknown) => {
      this.logger.warn(`checkout ${checkoutId} left reserving for the repair: ${String(error)}`);
    });
  }
}

import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { CatalogSearchIndex } from '@nss/catalog-api';
import {
  type CartGroup,
  type CartLine,
  type CartLineFlag,
  type CartView,
  cartTokenSchema,
  type GuestCartCreated,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  type ProductDetail,
} from '@nss/contracts';
import { Actor, AppError, DataScope, DocumentLocks } from '@nss/server-core';
import type { CartDocument, CartLineDoc } from './cart.schema';
import { CartsRepository, GUEST_CART_SCOPE as GUEST_SCOPE } from './carts.repository';

const CART_WHAT: [string, string] = ['giỏ hàng', 'Cart'];


interface CartRef {
  key: string;
  scope: DataScope;
  ownerUserId: string | null;
}

export function cartTokenRequired(): AppError {
  return AppError.badRequest('CART_TOKEN_REQUIRED', 'Thiếu hoặc sai mã giỏ hàng', 'Missing or invalid cart token', [
    { path: 'X-Cart-Token', message: 'Bắt buộc với khách chưa đăng nhập / required for guests' },
  ]);
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Flags of one line against the product as published now. */
export function lineFlags(line: Pick<CartLineDoc, 'quantity' | 'addedPriceVnd'>, product: Pick<ProductDetail, 'priceVnd' | 'stock'> | null): CartLineFlag[] {
  if (!product) return ['unavailable'];
  const flags: CartLineFlag[] = [];
  if (product.priceVnd !== line.addedPriceVnd) flags.push('price_changed');
  if (product.stock < line.quantity) flags.push('insufficient_stock');
  return flags;
}

/**
 * Carts: a guest's (bearer token; only its SHA-256 is stored) or a signed-in buyer's (one per user). Lines keep
 * the price at which they were added, so a price change is shown (`price_changed`) until the buyer accepts it.
 */
@Injectable()
export class CartsService {
  constructor(
    private readonly carts: CartsRepository,
    private readonly catalog: CatalogSearchIndex,
    private readonly locks: DocumentLocks,
  ) {}

  async createGuest(): Promise<GuestCartCreated> {
    const cartToken = randomBytes(16).toString('base64url');
    await this.carts.create(GUEST_SCOPE, { key: `guest:${hashToken(cartToken)}`, ownerUserId: null, lines: [] });
    return { cartToken };
  }

  /** A signed-in buyer's own cart; anyone else's by the token they hold. */
  ref(actor: Actor | undefined, token: string | undefined): CartRef {
    if (actor?.role === 'buyer') return { key: `user:${actor.userId}`, scope: DataScope.forActor(actor), ownerUserId: actor.userId };
    return this.guestRef(token);
  }

  private guestRef(token: string | undefined): CartRef {
    if (!token || !cartTokenSchema.safeParse(token).success) throw cartTokenRequired();
    return { key: `guest:${hashToken(token)}`, scope: GUEST_SCOPE, ownerUserId: null };
  }

  private async load(ref: CartRef): Promise<CartDocument> {
    if (ref.ownerUserId) return this.carts.ensure(ref.scope, ref.key, ref.ownerUserId);
    const cart = await this.carts.findByKey(ref.scope, ref.key);
    if (!cart) throw AppError.notFound(...CART_WHAT);
    return cart;
  }

  private async modify(ref: CartRef, change: (lines: CartLineDoc[]) => Promise<CartLineDoc[]> | CartLineDoc[]): Promise<CartView> {
    return this.locks.run('cart', ref.key, async () => {
      const cart = await this.load(ref);
      cart.lines = await change(cart.lines.map((l) => ({ productId: l.productId, sellerId: l.sellerId, name: l.name, quantity: l.quantity, addedPriceVnd: l.addedPriceVnd, addedAt: l.addedAt })));
      await cart.save();
      return this.view(cart);
    });
  }

  async get(actor: Actor | undefined, token: string | undefined): Promise<CartView> {
    return this.view(await this.load(this.ref(actor, token)));
  }

  async setQuantity(actor: Actor | undefined, token: string | undefined, productId: string, quantity: number): Promise<CartView> {
    const ref = this.ref(actor, token);
    return this.modify(ref, async (lines) => {
      const existing = lines.find((l) => l.productId === productId);
      if (quantity === 0) return lines.filter((l) => l.productId !== productId);
      if (existing) {
        existing.quantity = quantity;
        return lines;
      }
      const product = await this.catalog.detail(productId);
      if (!product) throw AppError.notFound('sản phẩm', 'Product');
      if (lines.length >= MAX_CART_LINES) throw AppError.conflict('CART_FULL', `Giỏ hàng tối đa ${MAX_CART_LINES} sản phẩm`, `At most ${MAX_CART_LINES} products in a cart`);
      return [...lines, { productId, sellerId: product.sellerId, name: product.name, quantity, addedPriceVnd: product.priceVnd, addedAt: new Date() }];
    });
  }

  async removeItem(actor: Actor | undefined, token: string | undefined, productId: string): Promise<CartView> {
    return this.modify(this.ref(actor, token), (lines) => lines.filter((l) => l.productId !== productId));
  }

  /** The buyer takes the guest cart's lines (once: the guest cart is deleted). Quantities of a product add up. */
  async merge(actor: Actor, token: string | undefined): Promise<CartView> {
    const guest = this.guestRef(token);
    const own = this.ref(actor, undefined);
    return this.locks.run('cart', guest.key, async () => {
      const guestCart = await this.carts.findByKey(guest.scope, guest.key);
      if (!guestCart) throw AppError.notFound(...CART_WHAT);
      const view = await this.modify(own, (lines) => {
        for (const line of guestCart.lines) {
          const existing = lines.find((l) => l.productId === line.productId);
          if (existing) existing.quantity = Math.min(MAX_LINE_QUANTITY, existing.quantity + line.quantity);
          else if (lines.length < MAX_CART_LINES) lines.push({ productId: line.productId, sellerId: line.sellerId, name: line.name, quantity: line.quantity, addedPriceVnd: line.addedPriceVnd, addedAt: line.addedAt });
        }
        return lines;
      });
      await this.carts.remove(guest.scope, guest.key);
      return view;
    });
  }

  /** Accepts the flagged lines as they are now: current prices, quantities cut to the stock, unavailable lines gone. */
  async acceptChanges(actor: Actor | undefined, token: string | undefined): Promise<CartView> {
    return this.modify(this.ref(actor, token), async (lines) => {
      const products = await Promise.all(lines.map((l) => this.catalog.detail(l.productId)));
      const kept: CartLineDoc[] = [];
      lines.forEach((line, i) => {
        const product = products[i];
        if (!product || product.stock <= 0) return;
        kept.push({ ...line, addedPriceVnd: product.priceVnd, quantity: Math.min(line.quantity, product.stock) });
      });
      return kept;
    });
  }

  /** The buyer's cart lines for checkout (empty when there is no cart). */
  async linesForCheckout(actor: Actor): Promise<Array<{ productId: string; quantity: number; addedPriceVnd: number }>> {
    const ref = this.ref(actor, undefined);
    const cart = await this.carts.findByKey(ref.scope, ref.key);
    return (cart?.lines ?? []).map((l) => ({ productId: l.productId, quantity: l.quantity, addedPriceVnd: l.addedPriceVnd }));
  }

  /** After a checkout from the cart: its products leave the cart. */
  async removePurchased(actor: Actor, productIds: string[]): Promise<void> {
    const bought = new Set(productIds);
    await this.modify(this.ref(actor, undefined), (lines) => lines.filter((l) => !bought.has(l.productId)));
  }

  async view(cart: CartDocument): Promise<CartView> {
    const products = await Promise.all(cart.lines.map((l) => this.catalog.detail(l.productId)));
    const groups = new Map<string, CartGroup>();
    let hasIssues = false;
    cart.lines.forEach((line, i) => {
      const product = products[i] ?? null;
      const flags = lineFlags(line, product);
      if (flags.length) hasIssues = true;
      const unitPriceVnd = product?.priceVnd ?? line.addedPriceVnd;
      const view: CartLine = {
        productId: line.productId,
        name: product?.name ?? line.name,
        thumbnailUrl: product?.photos[0]?.thumbUrl ?? null,
        unit: product?.unit ?? 'piece',
        netWeightGrams: product?.netWeightGrams ?? 0,
        quantity: line.quantity,
        unitPriceVnd,
        addedPriceVnd: line.addedPriceVnd,
        lineTotalVnd: unitPriceVnd * line.quantity,
        stock: product?.stock ?? 0,
        flags,
      };
      const group = groups.get(line.sellerId) ?? {
        sellerId: line.sellerId,
        sellerName: product?.seller.displayName ?? '',
        provinceName: product?.seller.provinceName ?? '',
        lines: [],
        subtotalVnd: 0,
      };
      if (!group.sellerName && product) group.sellerName = product.seller.displayName;
      if (!group.provinceName && product) group.provinceName = product.seller.provinceName;
      group.lines.push(view);
      if (!flags.includes('unavailable')) group.subtotalVnd += view.lineTotalVnd;
      groups.set(line.sellerId, group);
    });
    const list = [...groups.values()];
    return { groups: list, itemsTotalVnd: list.reduce((s, g) => s + g.subtotalVnd, 0), hasIssues };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types, type UpdateQuery } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { Checkout, CheckoutDocument, CheckoutDocState } from './checkout.schema';
import { OrderClaim } from './order-claim.schema';

/** Checkout writes the buyer's checkout and the orders of every seller in it (the buyer is checked by the caller). */
export const CHECKOUT_SCOPE = DataScope.platform('checkout (the buyer is checked by the caller)');
/** Stock of the products of a checkout (the catalogue's ProductWriter) and the one-time release claims. */
export const STOCK_SCOPE = DataScope.platform('stock reservation of a checkout');

@Injectable()
export class CheckoutsRepository extends ScopedRepository<Checkout> {
  constructor(@InjectModel(Checkout.name) model: Model<Checkout>) {
    super(model, { owner: 'buyerUserId' });
  }

  insert(scope: DataScope, doc: Partial<Checkout> & { _id: Types.ObjectId }): Promise<CheckoutDocument> {
    return this.create(scope, doc as Partial<Checkout> & Record<string, unknown>);
  }

  findByCode(scope: DataScope, code: string): Promise<CheckoutDocument | null> {
    return this.findOne(scope, { code });
  }

  /** The live checkout a request (buyer + digest of its Idempotency-Key) made, if any. */
  findByRequest(scope: DataScope, buyerUserId: string, requestKey: string): Promise<CheckoutDocument | null> {
    return this.findOne(scope, { buyerUserId, requestKey });
  }

  /** A plain update (the caller holds the checkout's lock). */
  async update(scope: DataScope, id: string, update: UpdateQuery<Checkout>): Promise<CheckoutDocument | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return this.findOneAndUpdate(scope, { _id: new Types.ObjectId(id) }, update);
  }

  /** Checkouts left in `state` since before `before` (the sweep repairs those a crash left half-done). */
  stale(scope: DataScope, state: CheckoutDocState, before: Date, limit: number): Promise<CheckoutDocument[]> {
    return this.find(scope, { state, createdAt: { $lt: before } }, undefined, { sort: { createdAt: 1 }, limit });
  }
}

/** The one-time claims (`order_claims`): platform scope only, the keys name what they guard. */
@Injectable()
export class OrderClaimsRepository extends ScopedRepository<OrderClaim> {
  constructor(@InjectModel(OrderClaim.name) model: Model<OrderClaim>) {
    super(model, {});
  }

  /** True for the one caller whose insert of `key` succeeded. */
  async claim(scope: DataScope, key: string, checkoutId: string, at: Date): Promise<boolean> {
    try {
      await this.create(scope, { key, checkoutId, at });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Gives a claim back (the work it guarded did not happen), so that a retry can claim it again. */
  async unclaim(scope: DataScope, key: string): Promise<void> {
    await this.model.deleteOne(this.scoped(scope, { key })).exec();
  }
}

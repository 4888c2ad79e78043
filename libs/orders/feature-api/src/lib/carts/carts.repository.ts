import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { Cart, CartDocument } from './cart.schema';

/** Guest carts are reached by the hash of their token: whoever holds the token may use the cart. */
export const GUEST_CART_SCOPE = DataScope.platform('guest cart (the caller holds its token)');

/** Carts: a buyer's by owner; a guest's only by the hash of its token (platform scope, the token is the proof). */
@Injectable()
export class CartsRepository extends ScopedRepository<Cart> {
  constructor(@InjectModel(Cart.name) model: Model<Cart>) {
    super(model, { owner: 'ownerUserId' });
  }

  findByKey(scope: DataScope, key: string): Promise<CartDocument | null> {
    return this.findOne(scope, { key });
  }

  /** Creates the cart of `key` unless it exists; answers the one that exists after all. */
  async ensure(scope: DataScope, key: string, ownerUserId: string | null): Promise<CartDocument> {
    const existing = await this.findByKey(scope, key);
    if (existing) return existing;
    try {
      return await this.create(scope, { key, ownerUserId, lines: [] });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await this.findByKey(scope, key);
      if (!winner) throw error;
      return winner;
    }
  }

  async remove(scope: DataScope, key: string): Promise<boolean> {
    const result = await this.model.deleteOne(this.scoped(scope, { key })).exec();
    return result.deletedCount > 0;
  }
}

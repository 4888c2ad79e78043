import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DataScope, fenced, ScopedRepository } from '@nss/server-core';
import { ProductDoc } from './product.schema';

export const PRODUCT_WHAT: [string, string] = ['sản phẩm', 'Product'];

/** The photo worker reads and updates the product a queued photo belongs to, whoever owns it. */
export const MEDIA_WORKER_SCOPE = DataScope.platform('media worker: thumbnails of an uploaded photo');

/** Products, scoped by province (`provinceCode`) and seller (`sellerId`). */
@Injectable()
export class ProductsRepository extends ScopedRepository<ProductDoc> {
  constructor(@InjectModel(ProductDoc.name) model: Model<ProductDoc>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
  }

  /** Page of products in scope, newest first. */
  async page(scope: DataScope, filter: Record<string, unknown>, page: number, pageSize: number, sort: Record<string, 1 | -1> = { createdAt: -1 }) {
    const [items, total] = await Promise.all([
      this.find(scope, filter, undefined, { sort, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(scope, filter),
    ]);
    return { items, total };
  }

  /**
   * Stock decrement guarded in the filter: succeeds only while enough stock is left; null when there is not enough.
   * Atomic on MongoDB but not on FerretDB under concurrency: call it through ProductWriter (per-product lock).
   */
  takeStock(scope: DataScope, productId: string, quantity: number, fence: number) {
    if (!Types.ObjectId.isValid(productId)) return Promise.resolve(null);
    const { guard, set } = fenced(fence);
    return this.findOneAndUpdate(
      scope,
      { $and: [{ _id: new Types.ObjectId(productId), stock: { $gte: quantity } }, guard] },
      { $inc: { stock: -quantity }, $set: set },
    );
  }

  /**
   * A take keyed by `hold`: the decrement and the key land in one update, and a key already there is not taken again.
   * Null when not enough is left or the hold is already there (the caller tells them apart by reading the product).
   */
  takeStockHeld(scope: DataScope, productId: string, quantity: number, hold: string, fence: number) {
    if (!Types.ObjectId.isValid(productId)) return Promise.resolve(null);
    const { guard, set } = fenced(fence);
    return this.findOneAndUpdate(
      scope,
      { $and: [{ _id: new Types.ObjectId(productId), stock: { $gte: quantity }, stockHolds: { $ne: hold } }, guard] },
      { $inc: { stock: -quantity }, $push: { stockHolds: hold }, $set: set },
    );
  }

  /** Returns the quantity of the take `hold` and removes its key in one update; null when that take is not held. */
  returnStockHeld(scope: DataScope, productId: string, quantity: number, hold: string, fence: number) {
    if (!Types.ObjectId.isValid(productId)) return Promise.resolve(null);
    const { guard, set } = fenced(fence);
    return this.findOneAndUpdate(
      scope,
      { $and: [{ _id: new Types.ObjectId(productId), stockHolds: hold }, guard] },
      { $inc: { stock: quantity }, $pull: { stockHolds: hold }, $set: set },
    );
  }

  /** Forgets the key of a take that its taker keeps (the order was written): the stock stays taken. */
  settleHold(scope: DataScope, productId: string, hold: string, fence: number) {
    if (!Types.ObjectId.isValid(productId)) return Promise.resolve(null);
    const { guard, set } = fenced(fence);
    return this.findOneAndUpdate(scope, { $and: [{ _id: new Types.ObjectId(productId), stockHolds: hold }, guard] }, { $pull: { stockHolds: hold }, $set: set });
  }

  returnStock(scope: DataScope, productId: string, quantity: number, fence: number) {
    if (!Types.ObjectId.isValid(productId)) return Promise.resolve(null);
    const { guard, set } = fenced(fence);
    return this.findOneAndUpdate(scope, { $and: [{ _id: new Types.ObjectId(productId) }, guard] }, { $inc: { stock: quantity }, $set: set });
  }

  /** Public read model: approved products changed since `since` (search index sync). */
  changedSince(since: Date): Promise<SearchSource[]> {
    const filter = this.scoped(DataScope.platform('search index sync'), { updatedAt: { $gte: since } });
    return this.model.find(filter, SEARCH_PROJECTION).lean<SearchSource[]>().exec();
  }

  allApproved(): Promise<SearchSource[]> {
    const filter = this.scoped(DataScope.platform('search index load'), { status: 'approved' });
    return this.model.find(filter, SEARCH_PROJECTION).lean<SearchSource[]>().exec();
  }
}

/** A product as the public read model holds it: everything but the moderation work and the folded text. */
export type SearchSource = Omit<ProductDoc, 'pendingChanges' | 'search' | 'createdByUserId' | 'stockHolds'>;

/** The public read model needs every approved field except these. */
export const SEARCH_PROJECTION = { pendingChanges: 0, createdByUserId: 0, stockHolds: 0 };

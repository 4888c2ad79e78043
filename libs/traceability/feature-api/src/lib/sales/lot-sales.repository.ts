import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { LotSale, LotSaleDocument } from './lot-sale.schema';

/**
 * Orders record a shipment for the seller whose order it is (orders checked that the caller may act on it): lots,
 * stamps and sale records are read and written for that seller only (every query names `sellerId`).
 */
export const SALES_SCOPE = DataScope.platform('lot sales: a shipment of an order the caller may act on (checked by orders)');

/** Most sales one lot view or export lists. */
export const MAX_SALES_READ = 5000;

/** Sales of lots (order lines shipped from them), scoped by province and seller. */
@Injectable()
export class LotSalesRepository extends ScopedRepository<LotSale> {
  constructor(@InjectModel(LotSale.name) model: Model<LotSale>) {
    super(model, { province: 'provinceCode', seller: 'sellerId' });
  }

  /** Replaces the sale records of one order with these (under the order's lock: a retried shipment). */
  async replaceForOrder(scope: DataScope, orderId: string, docs: Array<Omit<LotSale, '_id'>>): Promise<void> {
    await this.model.deleteMany(this.scoped(scope, { orderId })).exec();
    if (docs.length) await this.model.insertMany(docs.map((d) => ({ _id: new Types.ObjectId(), ...d })));
  }

  async deleteForOrder(scope: DataScope, orderId: string): Promise<void> {
    await this.model.deleteMany(this.scoped(scope, { orderId })).exec();
  }

  /** A lot's sales, oldest first (index `{ lotId, soldAt }`). */
  ofLot(scope: DataScope, lotId: string): Promise<LotSaleDocument[]> {
    return this.find(scope, { lotId }, undefined, { sort: { soldAt: 1, _id: 1 }, limit: MAX_SALES_READ });
  }
}

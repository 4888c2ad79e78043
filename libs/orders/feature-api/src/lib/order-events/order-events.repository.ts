import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { OrderEvent, OrderEventDocument } from './order-event.schema';

/** The worker's dispatch reads and marks events of every order. */
export const DISPATCH_SCOPE = DataScope.platform('order event dispatch');

@Injectable()
export class OrderEventsRepository extends ScopedRepository<OrderEvent> {
  constructor(@InjectModel(OrderEvent.name) model: Model<OrderEvent>) {
    super(model, { province: 'provinceCode', seller: 'sellerId', owner: 'buyerUserId' });
  }

  /** Inserts the event; null when its key exists (someone else won this version). */
  async insertOnce(scope: DataScope, doc: Partial<OrderEvent> & { _id: Types.ObjectId; key: string }): Promise<OrderEventDocument | null> {
    try {
      return await this.create(scope, doc as Partial<OrderEvent> & Record<string, unknown>);
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  findByKey(scope: DataScope, key: string): Promise<OrderEventDocument | null> {
    return this.findOne(scope, { key });
  }

  markConsumed(scope: DataScope, id: string, consumer: string) {
    return this.updateOne(scope, { _id: new Types.ObjectId(id) }, { $addToSet: { consumedBy: consumer } });
  }

  markDispatched(scope: DataScope, id: string, at: Date) {
    return this.updateOne(scope, { _id: new Types.ObjectId(id) }, { $set: { dispatchedAt: at } });
  }

  undispatched(scope: DataScope, before: Date, limit: number): Promise<OrderEventDocument[]> {
    return this.find(scope, { dispatchedAt: null, at: { $lt: before } }, undefined, { sort: { at: 1 }, limit });
  }

  forOrder(scope: DataScope, orderId: string): Promise<OrderEventDocument[]> {
    return this.find(scope, { orderId }, undefined, { sort: { at: 1 } });
  }
}

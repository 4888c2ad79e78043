import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Types } from 'mongoose';
import { DataScope, fenced, ScopedRepository } from '@nss/server-core';
import type { OrderState } from '@nss/contracts';
import { Order, OrderDocument } from './order.schema';

/** Orders are moved by the platform scope once the caller's right to act was checked (OrdersService, payments). */
export const TRANSITION_SCOPE = DataScope.platform('order state transition (access checked by the caller)');
/** Payments' reads and moves of checkouts and orders (its webhooks and jobs act for no user). */
export const PAYMENTS_SCOPE = DataScope.platform('payments: checkouts and orders of a payment');

/** Orders: staff by the seller's province, sellers by `sellerId`, buyers by `buyerUserId`. */
@Injectable()
export class OrdersRepository extends ScopedRepository<Order> {
  constructor(@InjectModel(Order.name) model: Model<Order>) {
    super(model, { province: 'provinceCode', seller: 'sellerId', owner: 'buyerUserId' });
  }

  insertMany(scope: DataScope, docs: Array<Partial<Order> & { _id: Types.ObjectId }>): Promise<unknown> {
    if (!scope.isPlatform) throw new Error('orders are created by checkout on the platform scope');
    return this.model.insertMany(docs);
  }

  byCheckout(scope: DataScope, checkoutId: string): Promise<OrderDocument[]> {
    return this.find(scope, { checkoutId }, undefined, { sort: { sellerId: 1 } });
  }

  async page(scope: DataScope, filter: FilterQuery<Order>, page: number, pageSize: number) {
    const [items, total] = await Promise.all([
      this.find(scope, filter, undefined, { sort: { createdAt: -1, _id: -1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(scope, filter),
    ]);
    return { items, total };
  }

  /** The state write of a transition (the caller holds the order's lock and won the event key). */
  writeTransition(scope: DataScope, id: string, expectedVersion: number, fence: number, set: Partial<Order>, history: Order['history'][number]) {
    const guard = fenced(fence);
    return this.findOneAndUpdate(
      scope,
      { $and: [{ _id: new Types.ObjectId(id), stateVersion: expectedVersion }, guard.guard] },
      { $set: { ...set, ...guard.set }, $push: { history } },
    );
  }

  /** Delivered orders (of these payment methods) delivered before `before`: auto-completion candidates. */
  deliveredBefore(scope: DataScope, before: Date, limit: number): Promise<OrderDocument[]> {
    return this.find(scope, { state: 'delivered' satisfies OrderState, deliveredAt: { $lt: before }, paymentMethod: { $in: ['vnpay', 'bank_transfer'] } }, undefined, { sort: { deliveredAt: 1 }, limit });
  }

  /** Whether the seller had a completed order before (other than `exceptOrderId`). */
  async countCompleted(scope: DataScope, sellerId: string): Promise<number> {
    return this.count(scope, { sellerId, state: 'completed' });
  }
}

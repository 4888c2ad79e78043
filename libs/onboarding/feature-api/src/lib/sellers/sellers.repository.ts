import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import { Types } from 'mongoose';
import { DocumentLocks, fenced, ScopedRepository } from '@nss/server-core';
import { SellerAccess } from './seller-access';
import { Seller, SellerDocument } from './seller.schema';

export interface SellerListFilter {
  status?: string;
  communeCode?: string;
  /** A folded search text; matched as a literal substring of `searchText`. */
  folded?: string;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Sellers, always within a SellerAccess: the province scope (field `provinceCode`), the seller scope (a seller user
 * sees the document whose `_id` is its sellerId) and, for agents, `managedByAgentId`.
 */
@Injectable()
export class SellersRepository extends ScopedRepository<Seller> {
  constructor(
    @InjectModel(Seller.name) model: Model<Seller>,
    private readonly locks: DocumentLocks,
  ) {
    super(model, { province: 'provinceCode', seller: '_id' });
  }

  private within(access: SellerAccess, filter: FilterQuery<Seller> = {}): FilterQuery<Seller> {
    if (!access.managedByAgentId) return filter;
    return { ...filter, managedByAgentId: access.managedByAgentId };
  }

  async get(access: SellerAccess, id: string): Promise<SellerDocument | null> {
    if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) return null;
    return this.findOne(access.scope, this.within(access, { _id: new Types.ObjectId(id) }));
  }

  /** Creates a seller; the document must lie in the caller's scope (403 otherwise). */
  insert(access: SellerAccess, doc: Partial<Seller> & { _id: Types.ObjectId }): Promise<SellerDocument> {
    return this.create(access.scope, doc as Partial<Seller> & Record<string, unknown>);
  }

  async page(access: SellerAccess, filter: SellerListFilter, page: number, pageSize: number) {
    const query: FilterQuery<Seller> = {};
    if (filter.status) query.status = filter.status;
    if (filter.communeCode) query.communeCode = filter.communeCode;
    if (filter.folded) query.searchText = { $regex: escapeRegex(filter.folded) };
    const scoped = this.within(access, query);
    const [items, total] = await Promise.all([
      this.find(access.scope, scoped, undefined, { sort: { createdAt: -1, _id: -1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(access.scope, scoped),
    ]);
    return { items, total };
  }

  /**
   * A change guarded by the access and by `guard` (e.g. the version read), under the seller's write lock (see
   * DocumentLocks in server-core). Null when nothing matched.
   */
  updateGuarded(access: SellerAccess, id: string, guard: FilterQuery<Seller>, update: UpdateQuery<Seller>) {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.locks.run('seller', id, (lease) => {
      const fence = fenced(lease.fence);
      const filter = this.within(access, { $and: [{ ...guard, _id: new Types.ObjectId(id) }, fence.guard] });
      return this.findOneAndUpdate(access.scope, filter, { ...update, $set: { ...(update.$set ?? {}), ...fence.set } });
    });
  }

  /**
   * The seller registered with this citizen-ID hash and type, in any province (duplicate detection before
   * registering; the unique index is the final word). Only its id and province are read.
   */
  findByCitizenIdHash(citizenIdHash: string, type: string): Promise<Pick<SellerDocument, 'id' | 'provinceCode'> | null> {
    return this.model.findOne({ citizenIdHash, type }, { _id: 1, provinceCode: 1 }).exec();
  }

  /** Sellers of a province with one of these phones or ids (training attendance matching). */
  findForAttendance(access: SellerAccess, phones: string[], ids: string[]) {
    const or: FilterQuery<Seller>[] = [];
    if (phones.length) or.push({ phone: { $in: phones } });
    const objectIds = ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
    if (objectIds.length) or.push({ _id: { $in: objectIds } });
    if (!or.length) return Promise.resolve([]);
    return this.find(access.scope, this.within(access, { $or: or }), { _id: 1, phone: 1, provinceCode: 1, funnel: 1 });
  }

  /** Sets a funnel milestone only if it is unset (or later than `at`, for training). True when it changed. */
  async markMilestone(
    access: SellerAccess,
    ids: string[],
    field: 'trainedAt' | 'verifiedAt' | 'firstListingAt' | 'firstSaleAt',
    at: Date,
    earlierWins = false,
  ): Promise<number> {
    const objectIds = ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
    if (!objectIds.length) return 0;
    const path = `funnel.${field}`;
    const guard = earlierWins ? { $or: [{ [path]: null }, { [path]: { $gt: at } }] } : { [path]: null };
    // One document at a time, each under its write lock (no updateMany: see DocumentLocks).
    let modified = 0;
    for (const _id of objectIds) {
      const result = await this.locks.run('seller', _id.toHexString(), (lease) => {
        const fence = fenced(lease.fence);
        const filter = this.scoped(access.scope, { $and: [{ _id, ...guard }, fence.guard] });
        return this.model.updateOne(filter, { $set: { [path]: at, ...fence.set } }).exec();
      });
      modified += result.modifiedCount;
    }
    return modified;
  }

  /** Compensation when the seller's user could not be created. */
  async remove(access: SellerAccess, id: Types.ObjectId): Promise<void> {
    await this.model.deleteOne(this.scoped(access.scope, { _id: id })).exec();
  }

  /** Counts per commune of sellers that reached a milestone: $match + $group/$sum only (FerretDB-safe). */
  countByCommune(access: SellerAccess, match: FilterQuery<Seller>, milestone: string) {
    const filter = this.scoped(access.scope, { ...match, [`funnel.${milestone}`]: { $ne: null } });
    return this.model
      .aggregate<{ _id: string; n: number }>([{ $match: filter }, { $group: { _id: '$communeCode', n: { $sum: 1 } } }])
      .exec();
  }
}

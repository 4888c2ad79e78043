import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { ReportHousehold } from './report-household.schema';

/** A household that has a seller account (what a training by phone needs to join it). */
export interface HouseholdWithAccount {
  householdKey: string;
  sellerId: string;
}

/** The funnel's households. The worker's projection writes them (platform scope); the API reads them scoped. */
@Injectable()
export class ReportHouseholdsRepository extends ScopedRepository<ReportHousehold> {
  private readonly projection = DataScope.platform('reporting: funnel projection of training and seller events');

  constructor(@InjectModel(ReportHousehold.name) model: Model<ReportHousehold>) {
    super(model, { province: 'provinceCode' });
  }

  get(id: string): Promise<ReportHousehold | null> {
    return this.model.findOne(this.scoped(this.projection, { _id: id })).lean<ReportHousehold>().exec();
  }

  /**
   * The households with an account among these (province, phone) pairs, keyed `<province>|<phone>`: one query for a
   * batch of trainings (FerretDB scans the collection for anything but an `_id` equality).
   */
  async withAccountByPhones(pairs: Array<{ provinceCode: string; phone: string }>): Promise<Map<string, HouseholdWithAccount>> {
    const found = new Map<string, HouseholdWithAccount>();
    if (!pairs.length) return found;
    const wanted = new Set(pairs.map((p) => `${p.provinceCode}|${p.phone}`));
    const filter = { provinceCode: { $in: [...new Set(pairs.map((p) => p.provinceCode))] }, phone: { $in: [...new Set(pairs.map((p) => p.phone))] }, sellerId: { $ne: null } };
    for (const household of await this.model.find(this.scoped(this.projection, filter)).lean<ReportHousehold[]>().exec()) {
      const key = `${household.provinceCode}|${household.phone}`;
      if (wanted.has(key) && !found.has(key) && household.sellerId) found.set(key, { householdKey: household.householdKey, sellerId: household.sellerId });
    }
    return found;
  }

  /** Households by id (one `_id` lookup each, in parallel); absent ids are missing from the map. */
  async getMany(ids: string[]): Promise<Map<string, ReportHousehold>> {
    const found = await Promise.all([...new Set(ids)].map((id) => this.get(id)));
    return new Map(found.flatMap((doc) => (doc ? [[doc._id, doc] as const] : [])));
  }

  /** Replaces (upserts) and removes households in one round trip. */
  async writeMany(puts: ReportHousehold[], removes: string[]): Promise<void> {
    const ops = [
      ...puts.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
      ...removes.map((id) => ({ deleteOne: { filter: { _id: id } } })),
    ];
    if (ops.length) await this.model.bulkWrite(ops, { ordered: true });
  }

  async put(doc: ReportHousehold): Promise<void> {
    await this.model.replaceOne({ _id: doc._id }, doc, { upsert: true }).exec();
  }

  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id }).exec();
  }

  /** The households of a province (optionally one commune row) for the funnel. */
  list(scope: DataScope, filter: FilterQuery<ReportHousehold>): Promise<ReportHousehold[]> {
    return this.model.find(this.scoped(scope, filter)).lean<ReportHousehold[]>().exec();
  }
}

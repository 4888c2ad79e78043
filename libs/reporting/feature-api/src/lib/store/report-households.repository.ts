import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { ReportHousehold, ReportHouseholdPhone } from './report-household.schema';

/** The funnel's households. The worker's projection writes them (platform scope); the API reads them scoped. */
@Injectable()
export class ReportHouseholdsRepository extends ScopedRepository<ReportHousehold> {
  private readonly projection = DataScope.platform('reporting: funnel projection of training and seller events');

  /** Whether this process has made sure the phone lookups cover households written before they existed. */
  private phonesFilled: Promise<void> | null = null;

  constructor(
    @InjectModel(ReportHousehold.name) model: Model<ReportHousehold>,
    @InjectModel(ReportHouseholdPhone.name) private readonly phones: Model<ReportHouseholdPhone>,
  ) {
    super(model, { province: 'provinceCode' });
  }

  get(id: string): Promise<ReportHousehold | null> {
    return this.model.findOne(this.scoped(this.projection, { _id: id })).lean<ReportHousehold>().exec();
  }

  /** A household of the province with this phone that already has an account (by `_id` lookups only). */
  async withAccountByPhone(provinceCode: string, phone: string): Promise<ReportHousehold | null> {
    // A fill that failed (database away) is tried again by the next call, not remembered as failed for good.
    await (this.phonesFilled ??= this.fillPhones().catch((error: unknown) => {
      this.phonesFilled = null;
      throw error;
    }));
    const entry = await this.phones.findOne({ _id: phoneKey(provinceCode, phone) }).lean<ReportHouseholdPhone>().exec();
    const household = entry ? await this.get(entry.householdId) : null;
    return household && household.phone === phone && household.sellerId ? household : null;
  }

  async put(doc: ReportHousehold): Promise<void> {
    await this.model.replaceOne({ _id: doc._id }, doc, { upsert: true }).exec();
    if (doc.sellerId && doc.phone) await this.putPhone(doc);
  }

  private async putPhone(doc: Pick<ReportHousehold, '_id' | 'provinceCode' | 'phone'>): Promise<void> {
    const _id = phoneKey(doc.provinceCode, doc.phone as string);
    await this.phones.replaceOne({ _id }, { _id, householdId: doc._id }, { upsert: true }).exec();
  }

  /**
   * Once per process: households with an account written before the phone lookups existed get theirs (one scan, only
   * when the lookups are empty and such households exist; writing one twice is harmless).
   */
  private async fillPhones(): Promise<void> {
    if (await this.phones.exists({})) return;
    const cursor = this.model.find({ sellerId: { $ne: null }, phone: { $ne: null } }, { provinceCode: 1, phone: 1 }).lean<ReportHousehold>().cursor();
    for await (const doc of cursor) await this.putPhone(doc);
  }

  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id }).exec();
  }

  /** The households of a province (optionally one commune row) for the funnel. */
  list(scope: DataScope, filter: FilterQuery<ReportHousehold>): Promise<ReportHousehold[]> {
    return this.model.find(this.scoped(scope, filter)).lean<ReportHousehold[]>().exec();
  }
}

function phoneKey(provinceCode: string, phone: string): string {
  return `${provinceCode}:${phone}`;
}

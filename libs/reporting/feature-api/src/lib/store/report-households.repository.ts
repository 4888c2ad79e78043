import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { ReportHousehold } from './report-household.schema';

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

  /** A household of the province with this phone that already has an account. */
  withAccountByPhone(provinceCode: string, phone: string): Promise<ReportHousehold | null> {
    return this.model.findOne(this.scoped(this.projection, { provinceCode, phone, sellerId: { $ne: null } })).lean<ReportHousehold>().exec();
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

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Schema, Types, type Model } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';

/** The public names the top lists show, nothing else: a product's `name`, a seller's `displayName`. */
interface NamedDoc {
  _id: Types.ObjectId;
  provinceCode: string;
  name?: string;
  displayName?: string;
}

/** Read-only views of the catalogue's products and onboarding's sellers (no indexes or collections created from here). */
const namedSchema = (collection: string) => new Schema({}, { collection, strict: false, autoIndex: false, autoCreate: false, versionKey: false });
export const REPORT_NAME_MODELS = [
  { name: 'ReportName_products', schema: namedSchema('products') },
  { name: 'ReportName_sellers', schema: namedSchema('sellers') },
];

class NamesOf extends ScopedRepository<NamedDoc> {
  constructor(
    model: Model<NamedDoc>,
    private readonly field: 'name' | 'displayName',
  ) {
    super(model, { province: 'provinceCode' });
  }

  /** One `$in` read, projected to the public name: id → name. */
  async of(scope: DataScope, ids: string[]): Promise<Map<string, string>> {
    const valid = ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
    if (!valid.length) return new Map();
    const docs = await this.model.find(this.scoped(scope, { _id: { $in: valid } }), { [this.field]: 1 }).lean<NamedDoc[]>().exec();
    return new Map(docs.map((d) => [d._id.toHexString(), String(d[this.field] ?? '')]));
  }
}

/**
 * Names for the top products and sellers. Reporting otherwise reads only events; a name is not a fact of an event
 * (it changes), so the top list asks the owners' collections for the current public names of the ids it ranks.
 */
@Injectable()
export class ReportNamesRepository {
  readonly products: NamesOf;
  readonly sellers: NamesOf;

  constructor(@InjectModel('ReportName_products') products: Model<NamedDoc>, @InjectModel('ReportName_sellers') sellers: Model<NamedDoc>) {
    this.products = new NamesOf(products, 'name');
    this.sellers = new NamesOf(sellers, 'displayName');
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { Seller } from './seller.schema';

/**
 * Sellers written before citizen IDs were hashed and sealed (a plain `citizenId` field). Works on the raw
 * collection: the schema no longer has a plain `citizenId`, and Mongoose would strip it from queries.
 */
@Injectable()
export class LegacyCitizenIdsRepository {
  constructor(@InjectModel(Seller.name) private readonly model: Model<Seller>) {}

  /** Every seller still holding a plain citizen ID. */
  async findPlain(): Promise<Array<{ _id: Types.ObjectId; citizenId: string }>> {
    const docs = await this.model.collection.find({ citizenId: { $type: 'string' } }, { projection: { _id: 1, citizenId: 1 } }).toArray();
    return docs.map((doc) => ({ _id: doc._id as Types.ObjectId, citizenId: String(doc['citizenId']) }));
  }

  /** Replaces the plain value by its hash and sealed form, guarded on the plain value still being there. */
  async replacePlain(id: Types.ObjectId, citizenId: string, citizenIdHash: string, citizenIdSealed: string): Promise<void> {
    await this.model.collection.updateOne({ _id: id, citizenId }, { $set: { citizenIdHash, citizenIdSealed }, $unset: { citizenId: '' } });
  }

  /** Drops an index by name if it exists (the old unique index on the plain citizen ID). */
  async dropIndexIfPresent(name: string): Promise<void> {
    const indexes = await this.model.collection.indexes().catch(() => []);
    if (indexes.some((index) => index.name === name)) await this.model.collection.dropIndex(name);
  }

  /** Builds the schema's indexes (the unique one on the citizen-ID hash). */
  async createIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

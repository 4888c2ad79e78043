import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CitizenIdHasher } from './citizen-id-hasher';
import { Seller } from './seller.schema';

/** The unique index on the plain citizen ID, replaced by the one on its keyed hash. */
const OLD_INDEX = 'citizenId_1_type_1';

/**
 * Brings sellers registered before the keyed hash up to date at start-up (idempotent, cheap when nothing is left):
 * computes the missing hashes one document at a time, drops the old unique index on the plain citizen ID and builds
 * the new one. Several replicas may run it at once: they write the same values.
 */
@Injectable()
export class CitizenIdHashBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(CitizenIdHashBackfill.name);

  constructor(
    @InjectModel(Seller.name) private readonly model: Model<Seller>,
    private readonly hasher: CitizenIdHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const missing = await this.model.find({ citizenIdHash: null }, { _id: 1, citizenId: 1 }).lean().exec();
    for (const seller of missing) {
      await this.model.updateOne({ _id: seller._id, citizenIdHash: null }, { $set: { citizenIdHash: this.hasher.hash(seller.citizenId) } }).exec();
    }
    const indexes = await this.model.collection.indexes().catch(() => []);
    if (indexes.some((index) => index.name === OLD_INDEX)) await this.model.collection.dropIndex(OLD_INDEX);
    if (missing.length) {
      await this.model.createIndexes();
      this.logger.log(`citizen-ID hashes computed for ${missing.length} sellers`);
    }
  }
}

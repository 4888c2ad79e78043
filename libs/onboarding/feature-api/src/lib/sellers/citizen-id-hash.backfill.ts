import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CitizenIdCipher } from './citizen-id-cipher';
import { CitizenIdHasher } from './citizen-id-hasher';
import { Seller } from './seller.schema';

/** The unique index on the plain citizen ID, replaced by the one on its keyed hash. */
const OLD_INDEX = 'citizenId_1_type_1';

/**
 * Brings sellers registered before the keyed hash and the sealing up to date at start-up (idempotent, cheap when
 * nothing is left): for each document still holding a plain `citizenId`, writes its hash and sealed value and removes
 * the plain one, one document at a time; then drops the old unique index on the plain citizen ID and builds the new
 * one. Several replicas may run it at once: the update is guarded on the plain value still being there.
 */
@Injectable()
export class CitizenIdHashBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(CitizenIdHashBackfill.name);

  constructor(
    @InjectModel(Seller.name) private readonly model: Model<Seller>,
    private readonly hasher: CitizenIdHasher,
    private readonly cipher: CitizenIdCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The raw collection: the schema no longer has a plain `citizenId`, and Mongoose would strip it from the query.
    const sellers = this.model.collection;
    const legacy = await sellers.find({ citizenId: { $type: 'string' } }, { projection: { _id: 1, citizenId: 1 } }).toArray();
    for (const seller of legacy) {
      const citizenId = String(seller['citizenId']);
      await sellers.updateOne(
        { _id: seller._id, citizenId },
        {
          $set: { citizenIdHash: this.hasher.hash(citizenId), citizenIdSealed: this.cipher.seal(citizenId) },
          $unset: { citizenId: '' },
        },
      );
    }
    const indexes = await sellers.indexes().catch(() => []);
    if (indexes.some((index) => index.name === OLD_INDEX)) await sellers.dropIndex(OLD_INDEX);
    if (legacy.length) {
      await this.model.createIndexes();
      this.logger.log(`citizen IDs hashed and sealed for ${legacy.length} sellers`);
    }
  }
}

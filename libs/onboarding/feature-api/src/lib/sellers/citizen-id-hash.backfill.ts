import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CitizenIdCipher } from './citizen-id-cipher';
import { CitizenIdHasher } from './citizen-id-hasher';
import { LegacyCitizenIdsRepository } from './legacy-citizen-ids.repository';

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
    private readonly legacySellers: LegacyCitizenIdsRepository,
    private readonly hasher: CitizenIdHasher,
    private readonly cipher: CitizenIdCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const legacy = await this.legacySellers.findPlain();
    for (const { _id, citizenId } of legacy) {
      await this.legacySellers.replacePlain(_id, citizenId, this.hasher.hash(citizenId), this.cipher.seal(citizenId));
    }
    await this.legacySellers.dropIndexIfPresent(OLD_INDEX);
    if (legacy.length) {
      await this.legacySellers.createIndexes();
      this.logger.log(`citizen IDs hashed and sealed for ${legacy.length} sellers`);
    }
  }
}

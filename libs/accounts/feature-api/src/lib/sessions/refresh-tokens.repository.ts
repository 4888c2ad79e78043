import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { RefreshToken, RefreshTokenDocument } from './refresh-token.schema';

/** Queries of refresh_tokens. A user's own sessions only, reached through the token itself or the user id. */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectModel(RefreshToken.name) private readonly model: Model<RefreshToken>) {}

  insert(doc: {
    _id: Types.ObjectId;
    tokenHash: string;
    userId: string;
    familyId: string;
    expiresAt: Date;
    familyExpiresAt: Date;
    tokenVersion: number;
  }) {
    return this.model.create({ ...doc, revokedAt: null, replacedBy: null });
  }

  findByHash(tokenHash: string): Promise<RefreshTokenDocument | null> {
    return this.model.findOne({ tokenHash }).exec();
  }

  /**
   * Marks a live token as replaced. The guard makes this atomic on MongoDB; FerretDB 1.24 (SQLite) reads then writes
   * (FerretDB issue #3040), so SessionService first claims the token in Redis.
   */
  rotate(tokenHash: string, replacedBy: string, now: Date): Promise<RefreshTokenDocument | null> {
    return this.model
      .findOneAndUpdate(
        { tokenHash, revokedAt: null, replacedBy: null, expiresAt: { $gt: now } },
        { $set: { revokedAt: now, replacedBy } },
        { new: true },
      )
      .exec();
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.model.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } }).exec();
  }

  async revokeAllOfUser(userId: string, now: Date): Promise<void> {
    await this.model.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } }).exec();
  }

  async deleteExpiredOfUser(userId: string, now: Date): Promise<void> {
    await this.model.deleteMany({ userId, expiresAt: { $lt: now } }).exec();
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.model.deleteMany({ expiresAt: { $lt: now } }).exec();
    return result.deletedCount;
  }
}

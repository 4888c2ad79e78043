import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ZaloOaToken, ZaloOaTokenDocument } from './zalo-oa-token.schema';

/** Queries of zalo_oa_tokens. Writes happen under the OA's refresh lock (ZaloOaTokens). */
@Injectable()
export class ZaloOaTokensRepository {
  constructor(@InjectModel(ZaloOaToken.name) private readonly model: Model<ZaloOaToken>) {}

  find(appId: string): Promise<ZaloOaTokenDocument | null> {
    return this.model.findOne({ appId }).exec();
  }

  async save(appId: string, sealedTokens: string, accessExpiresAt: Date): Promise<void> {
    await this.model.updateOne({ appId }, { $set: { sealedTokens, accessExpiresAt } }, { upsert: true }).exec();
  }
}

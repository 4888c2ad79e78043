import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/**
 * The OA's current token pair. The refresh token is single use and rotates on every refresh: the new pair is stored
 * here before the access token is used, under a lock, so a crash after a refresh never loses the only valid refresh
 * token. Both tokens are sealed (AES-256-GCM, MessageCipher) with the app id as associated data.
 */
@Schema({ collection: 'zalo_oa_tokens', timestamps: true })
export class ZaloOaToken {
  /** The Zalo app id. */
  @Prop({ type: String, required: true })
  appId!: string;

  @Prop({ type: String, required: true })
  sealedTokens!: string;

  @Prop({ type: Date, required: true })
  accessExpiresAt!: Date;
}

export type ZaloOaTokenDocument = HydratedDocument<ZaloOaToken>;
export const ZaloOaTokenSchema = SchemaFactory.createForClass(ZaloOaToken);

// One pair per app: findOne({ appId }).
ZaloOaTokenSchema.index({ appId: 1 }, { unique: true });

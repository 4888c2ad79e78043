import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';

/** A buyer's delivery address (2025 units; phone in national form). At most MAX_ADDRESSES per buyer. */
@Schema({ collection: 'buyer_addresses', timestamps: true, versionKey: false })
export class BuyerAddress {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  ownerUserId!: string;

  @Prop({ type: String, required: true })
  recipientName!: string;

  @Prop({ type: String, required: true })
  phone!: string;

  @Prop({ type: String, required: true })
  street!: string;

  @Prop({ type: String, required: true })
  provinceCode!: string;

  @Prop({ type: String, required: true })
  communeCode!: string;

  @Prop({ type: String, required: true, default: '2025' })
  adminEra!: '2025';

  /**
   * When the buyer made this address the default. The default is the address made default last (else the oldest):
   * choosing one is a write to that document alone, so no other address has to be unset (no transactions here).
   */
  @Prop({ type: Date, default: null })
  defaultAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}
export type BuyerAddressDocument = HydratedDocument<BuyerAddress>;
export const BuyerAddressSchema = SchemaFactory.createForClass(BuyerAddress);
// A buyer's address book, oldest first (GET /me/addresses, the cap's count, checkout's addressId).
BuyerAddressSchema.index({ ownerUserId: 1, createdAt: 1 });

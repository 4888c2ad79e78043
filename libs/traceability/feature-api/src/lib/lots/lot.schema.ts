import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';
import { LOT_UNITS, type LotStatus, type LotUnit } from '@nss/contracts';

// One list of units, statuses and diary types for the API, the web app and the database (@nss/contracts).
export { LOT_UNITS };
export type { LotStatus, LotUnit };

/**
 * A lot of one product (Circular 02: production date, shelf life, place, standards). `code` is the seller's own lot
 * code, unique per seller; it is the GS1 AI (10) of the lot's stamp URLs. Dates are Vietnam-time `YYYY-MM-DD`.
 */
@Schema({ collection: 'lots', timestamps: true, versionKey: false })
export class Lot {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) code!: string;
  @Prop({ type: String, required: true }) productId!: string;
  @Prop({ type: String, required: true }) productName!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) sellerName!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) communeCode!: string;
  @Prop({ type: String, required: true, default: '2025' }) adminEra!: '2025';
  @Prop({ type: String, required: true }) producedOn!: string;
  @Prop({ type: String, default: null }) expiresOn!: string | null;
  @Prop({ type: Number, default: null }) shelfLifeDays!: number | null;
  @Prop({ type: Number, required: true }) quantity!: number;
  @Prop({ type: String, required: true }) unit!: LotUnit;
  @Prop({ type: [String], default: [] }) standards!: string[];
  @Prop({ type: [String], default: [] }) photoIds!: string[];
  @Prop({ type: String, default: null }) note!: string | null;
  @Prop({ type: String, required: true, default: 'open' }) status!: LotStatus;
  @Prop({ type: String, required: true }) createdByUserId!: string;
  /** Fencing token of the last locked write (DocumentLocks 'lot'): a writer with an older token is refused. */
  @Prop({ type: Number, default: null }) lockFence!: number | null;

  createdAt!: Date;
  updatedAt!: Date;
}
export type LotDocument = HydratedDocument<Lot>;
export const LotSchema = SchemaFactory.createForClass(Lot);
// A seller's lot codes are unique (POST/PATCH /lots → 409 LOT_CODE_TAKEN); also the seller's own list, by code.
LotSchema.index({ sellerId: 1, code: 1 }, { unique: true });
// GET /lots for a seller or an agent (one seller), newest first.
LotSchema.index({ sellerId: 1, createdAt: -1 });
// GET /lots for province staff, newest first.
LotSchema.index({ provinceCode: 1, createdAt: -1 });
// GET /lots?productId= (the lots of one product).
LotSchema.index({ productId: 1 });

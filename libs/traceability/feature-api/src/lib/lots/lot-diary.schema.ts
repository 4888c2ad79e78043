import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';
import { DIARY_TYPES, type DiaryType } from '@nss/contracts';

export { DIARY_TYPES };
export type { DiaryType };

@Schema({ _id: false, versionKey: false })
export class DiaryPlace {
  @Prop({ type: String, required: true }) text!: string;
  @Prop({ type: String, default: null }) communeCode!: string | null;
}
export const DiaryPlaceSchema = SchemaFactory.createForClass(DiaryPlace);

/** A lot that went into a processing step (same seller). */
@Schema({ _id: false, versionKey: false })
export class DiaryInput {
  @Prop({ type: String, required: true }) lotId!: string;
  @Prop({ type: String, required: true }) lotCode!: string;
  @Prop({ type: Number, default: null }) quantity!: number | null;
}
export const DiaryInputSchema = SchemaFactory.createForClass(DiaryInput);

/**
 * One production diary entry of a lot. `clientId` is made on the device: an entry recorded offline and sent again
 * when the phone reconnects is stored once (unique `{ lotId, clientId }`).
 */
@Schema({ collection: 'lot_diary', versionKey: false })
export class LotDiaryEntry {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) lotId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) clientId!: string;
  @Prop({ type: String, required: true }) type!: DiaryType;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: DiaryPlaceSchema, required: true }) place!: DiaryPlace;
  @Prop({ type: String, default: null }) note!: string | null;
  @Prop({ type: String, default: null }) photoId!: string | null;
  @Prop({ type: [DiaryInputSchema], default: [] }) inputs!: DiaryInput[];
  @Prop({ type: String, required: true }) recordedByUserId!: string;
  @Prop({ type: Date, required: true }) recordedAt!: Date;
}
export type LotDiaryEntryDocument = HydratedDocument<LotDiaryEntry>;
export const LotDiaryEntrySchema = SchemaFactory.createForClass(LotDiaryEntry);
// The same entry sent twice (an offline replay) is stored once: POST /lots/:id/diary looks it up by these.
LotDiaryEntrySchema.index({ lotId: 1, clientId: 1 }, { unique: true });
// GET /lots/:id/diary: a lot's entries by the time they happened.
LotDiaryEntrySchema.index({ lotId: 1, at: 1 });

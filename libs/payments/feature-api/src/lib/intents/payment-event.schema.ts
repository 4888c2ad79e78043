import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/**
 * The append-only record of payment facts. Its unique `key` is the concurrency control (FerretDB's guarded updates are
 * not atomic, a unique-index insert is): a state change of intent X from version n inserts `state:X:<n+1>` first and
 * only the winner writes the intent; cash collected inserts `cod:<orderId>` once.
 */
@Schema({ collection: 'payment_events', timestamps: { createdAt: true, updatedAt: false } })
export class PaymentEventDoc {
  @Prop({ type: String, required: true })
  key!: string;

  /** The intent (or the order, for cash collected) the event is about. */
  @Prop({ type: String, required: true })
  subjectId!: string;

  @Prop({ type: String, required: true })
  checkoutId!: string;

  /** e.g. `payment.succeeded`, `payment.failed`, `payment.review`, `payment.canceled`, `cod.collected`. */
  @Prop({ type: String, required: true })
  type!: string;

  @Prop({ type: String, default: null })
  from!: string | null;

  @Prop({ type: String, default: null })
  to!: string | null;

  /** Where the fact came from: `ipn`, `querydr`, `bank_feed`, `expiry`, `staff`, `seller`. */
  @Prop({ type: String, required: true })
  source!: string;

  @Prop({ type: String, default: null })
  actorUserId!: string | null;

  @Prop({ type: String, default: null })
  reason!: string | null;

  @Prop({ type: Date, required: true })
  at!: Date;

  createdAt!: Date;
}
export type PaymentEventDocument = HydratedDocument<PaymentEventDoc>;
export const PaymentEventSchema = SchemaFactory.createForClass(PaymentEventDoc);
// The claim itself: insertOne({ key }) succeeds once.
PaymentEventSchema.index({ key: 1 }, { unique: true });
// An intent's history: find({ subjectId }).sort({ at: 1 }).
PaymentEventSchema.index({ subjectId: 1, at: 1 });

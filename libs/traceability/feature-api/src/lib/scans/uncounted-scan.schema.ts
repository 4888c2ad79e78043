import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/**
 * A scan of a found stamp answered while Redis was away: recorded here (the database's outbox for the outage) before the
 * page is answered, and counted into the stamp's Redis counters once Redis is back (ScanWriter.countUncounted), then
 * removed. `_id` is `<serial>:<scanId>`: the scans of one stamp are one `_id` prefix range, which FerretDB answers from
 * its `_id` index (tools/infra/build-ferretdb.sh), and a retried insert of the same scan is a duplicate key.
 */
@Schema({ collection: 'stamp_scans_uncounted', versionKey: false })
export class UncountedScan {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) serial!: string;
  @Prop({ type: String, required: true }) scanId!: string;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, required: true }) clientHash!: string;
  /** The scan record as the Redis outbox would have carried it (PendingScan): stored again when counted (idempotent). */
  @Prop({ type: Object, required: true }) record!: Record<string, unknown>;
}
export type UncountedScanDocument = HydratedDocument<UncountedScan>;
export const UncountedScanSchema = SchemaFactory.createForClass(UncountedScan);

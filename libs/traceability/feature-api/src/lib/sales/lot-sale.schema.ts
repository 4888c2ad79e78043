import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';

/**
 * One order line shipped from a lot (recorded by LotSales when the seller ships): what the lot's page and its EPCIS
 * export show as sales. Order code, date, quantity and stamps only: no buyer data is copied here.
 */
@Schema({ collection: 'lot_sales', versionKey: false })
export class LotSale {
  _id!: Types.ObjectId;

  /** `<orderId>:<productId>`: one record per order line. */
  @Prop({ type: String, required: true }) key!: string;
  @Prop({ type: String, required: true }) lotId!: string;
  @Prop({ type: String, required: true }) lotCode!: string;
  @Prop({ type: String, required: true }) productId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) provinceCode!: string;
  @Prop({ type: String, required: true }) orderId!: string;
  @Prop({ type: String, required: true }) orderCode!: string;
  @Prop({ type: Number, required: true }) quantity!: number;
  @Prop({ type: [String], default: [] }) serials!: string[];
  @Prop({ type: Date, required: true }) soldAt!: Date;
}
export type LotSaleDocument = HydratedDocument<LotSale>;
export const LotSaleSchema = SchemaFactory.createForClass(LotSale);
// One record per order line (a retried shipment replaces it, never doubles it).
LotSaleSchema.index({ key: 1 }, { unique: true });
// A lot's sales, oldest first (GET /lots/:id, GET /lots/:id/epcis).
LotSaleSchema.index({ lotId: 1, soldAt: 1 });
// Undoing a shipment that did not happen: the records of one order.
LotSaleSchema.index({ orderId: 1 });

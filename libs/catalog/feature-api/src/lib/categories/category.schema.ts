import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A product category; `_id` is its slug (see categories.data.ts). */
@Schema({ collection: 'categories', timestamps: true, versionKey: false })
export class CategoryDoc {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ required: true })
  nameEn!: string;

  @Prop({ required: true })
  order!: number;
}

export const CategorySchema = SchemaFactory.createForClass(CategoryDoc);

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProductDoc, ProductSchema } from '../products/product.schema';
import { CatalogEvent, CatalogEventSchema } from './catalog-event.schema';
import { CatalogEventsBackfillRepository } from './catalog-events-backfill.repository';

/** Just what `report:backfill` needs of the catalogue. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ProductDoc.name, schema: ProductSchema },
      { name: CatalogEvent.name, schema: CatalogEventSchema },
    ]),
  ],
  providers: [CatalogEventsBackfillRepository],
  exports: [CatalogEventsBackfillRepository],
})
export class CatalogEventsBackfillModule {}

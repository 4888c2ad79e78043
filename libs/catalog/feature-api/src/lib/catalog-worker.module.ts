import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BullModule } from '@nestjs/bullmq';
import { MediaStorageModule, QUEUES } from '@nss/server-core';
import { MediaJobsProcessor } from './photos/media-jobs.processor';
import { PhotoThumbnailer } from './photos/photo-thumbnailer';
import { ProductDoc, ProductSchema } from './products/product.schema';
import { ProductsRepository } from './products/products.repository';
import { ProductWriter } from './products/product-writer';
import { CatalogVersion } from './search/catalog-version';

/** The catalogue in the worker: the `media` queue consumer (photo thumbnails). */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: ProductDoc.name, schema: ProductSchema }]),
    MediaStorageModule,
    BullModule.registerQueue({ name: QUEUES.media }),
  ],
  providers: [ProductsRepository, ProductWriter, CatalogVersion, PhotoThumbnailer, MediaJobsProcessor],
})
export class CatalogWorkerModule {}

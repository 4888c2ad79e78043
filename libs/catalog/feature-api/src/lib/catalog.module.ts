import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BullModule } from '@nestjs/bullmq';
import { MediaStorageModule, QUEUES } from '@nss/server-core';
import { CategoriesController } from './categories/categories.controller';
import { CategoriesRepository } from './categories/categories.repository';
import { CategoriesService } from './categories/categories.service';
import { CategoryDoc, CategorySchema } from './categories/category.schema';
import { ModerationController } from './moderation/moderation.controller';
import { ModerationService } from './moderation/moderation.service';
import { MediaController } from './photos/media.controller';
import { PhotosService } from './photos/photos.service';
import { PhotoUrls } from './photos/photo-urls';
import { ProductAccess } from './products/product-access';
import { ProductDoc, ProductSchema } from './products/product.schema';
import { ProductsController } from './products/products.controller';
import { ProductsRepository } from './products/products.repository';
import { ProductsService } from './products/products.service';
import { PublicProductsService } from './products/public-products.service';
import { CatalogReadRoutes } from './search/catalog-read-routes';
import { CatalogSearchIndex } from './search/catalog-search-index';
import { SearchController } from './search/search.controller';
import { CatalogSellersModule } from './sellers/catalog-sellers.module';
import { CatalogCoreModule } from './catalog-core.module';
import { CatalogEvent, CatalogEventSchema } from './events/catalog-event.schema';
import { CatalogEventsRepository } from './events/catalog-events.repository';

const models = MongooseModule.forFeature([
  { name: ProductDoc.name, schema: ProductSchema },
  { name: CategoryDoc.name, schema: CategorySchema },
  { name: CatalogEvent.name, schema: CatalogEventSchema },
]);

/** The catalogue in the API: categories, products, moderation, photos (producer side), search and storefront. */
@Module({
  imports: [models, CatalogCoreModule, MediaStorageModule, CatalogSellersModule, BullModule.registerQueue({ name: QUEUES.media })],
  controllers: [CategoriesController, ProductsController, ModerationController, SearchController, MediaController],
  providers: [
    CategoriesService,
    CategoriesRepository,
    ProductsRepository,
    ProductAccess,
    ProductsService,
    PublicProductsService,
    ModerationService,
    PhotosService,
    PhotoUrls,
    CatalogSearchIndex,
    CatalogReadRoutes,
    CatalogEventsRepository,
  ],
  // Not ProductsRepository: its guarded writes are not atomic on FerretDB; products change only through ProductWriter.
  exports: [CatalogCoreModule, CatalogSearchIndex, CatalogReadRoutes, CategoriesService],
})
export class CatalogModule {}

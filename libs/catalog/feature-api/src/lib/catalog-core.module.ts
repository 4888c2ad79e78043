import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProductDoc, ProductSchema } from './products/product.schema';
import { ProductsRepository } from './products/products.repository';
import { ProductWriter } from './products/product-writer';
import { CatalogVersion } from './search/catalog-version';

/**
 * What other domains (orders, traceability) and the worker need of the catalogue: products read and changed through
 * the locked ProductWriter, and the catalogue version. No controllers, no in-memory search index (that is the API's
 * CatalogModule), so a worker importing this does not load every approved product at start.
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: ProductDoc.name, schema: ProductSchema }])],
  // ProductsRepository stays inside (its guarded writes are not atomic on FerretDB; products change through ProductWriter).
  providers: [ProductsRepository, ProductWriter, CatalogVersion],
  exports: [ProductWriter, CatalogVersion],
})
export class CatalogCoreModule {}

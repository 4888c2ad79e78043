import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccountsModule } from '@nss/accounts-api';
import { CatalogModule } from '@nss/catalog-api';
import { OrdersCoreModule } from '../orders-core.module';
import { ReviewModerationController, ReviewsController } from './reviews.controller';
import { ProductRatingsRepository, ReviewsRepository } from './reviews.repository';
import { ProductRatingDoc, ProductRatingSchema, ReviewDoc, ReviewSchema } from './review.schema';
import { ReviewsService } from './reviews.service';

/** Product reviews in the API: written by buyers of delivered orders, moderated, shown with the rating. */
@Module({
  imports: [
    OrdersCoreModule,
    AccountsModule,
    CatalogModule,
    MongooseModule.forFeature([
      { name: ReviewDoc.name, schema: ReviewSchema },
      { name: ProductRatingDoc.name, schema: ProductRatingSchema },
    ]),
  ],
  controllers: [ReviewsController, ReviewModerationController],
  providers: [ReviewsRepository, ProductRatingsRepository, ReviewsService],
  exports: [ReviewsService],
})
export class ReviewsModule {}

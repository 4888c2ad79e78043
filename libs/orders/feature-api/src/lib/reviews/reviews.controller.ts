import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  createReviewSchema,
  productIdReviewParamsSchema,
  productReviewsSchema,
  publicReviewsQuerySchema,
  rejectReviewSchema,
  reviewIdParamsSchema,
  reviewModerationQuerySchema,
  reviewOrderParamsSchema,
  reviewPageSchema,
  reviewSchema,
} from '@nss/contracts';
import type { Page, ProductReviews, Review } from '@nss/contracts';
import { Actor, CurrentActor, Public, Roles, createZodDto } from '@nss/server-core';
import { ReviewsService } from './reviews.service';

class ReviewOrderParamsDto extends createZodDto(reviewOrderParamsSchema) {}
class CreateReviewDto extends createZodDto(createReviewSchema) {}
class ProductIdReviewParamsDto extends createZodDto(productIdReviewParamsSchema) {}
class PublicReviewsQueryDto extends createZodDto(publicReviewsQuerySchema) {}
class ReviewIdParamsDto extends createZodDto(reviewIdParamsSchema) {}
class RejectReviewDto extends createZodDto(rejectReviewSchema) {}
class ReviewModerationQueryDto extends createZodDto(reviewModerationQuerySchema) {}
class ReviewResponseDto extends createZodDto(reviewSchema) {}
class ReviewPageResponseDto extends createZodDto(reviewPageSchema) {}
class ProductReviewsResponseDto extends createZodDto(productReviewsSchema) {}

@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post('orders/:orderId/reviews')
  @Roles('buyer')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: ReviewResponseDto })
  create(@CurrentActor() actor: Actor, @Param() { orderId }: ReviewOrderParamsDto, @Body() body: CreateReviewDto): Promise<Review> {
    return this.reviews.create(actor, orderId, body);
  }

  @Get('products/:productId/reviews')
  @Public()
  @ApiOkResponse({ type: ProductReviewsResponseDto })
  forProduct(@Param() { productId }: ProductIdReviewParamsDto, @Query() query: PublicReviewsQueryDto): Promise<ProductReviews> {
    return this.reviews.forProduct(productId, query);
  }
}

/** Staff of the product's province and admins moderate reviews before they are shown. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('moderation/reviews')
@Roles('province_staff', 'admin')
export class ReviewModerationController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @ApiOkResponse({ type: ReviewPageResponseDto })
  queue(@CurrentActor() actor: Actor, @Query() query: ReviewModerationQueryDto): Promise<Page<Review>> {
    return this.reviews.moderationQueue(actor, query);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewResponseDto })
  approve(@CurrentActor() actor: Actor, @Param() { id }: ReviewIdParamsDto): Promise<Review> {
    return this.reviews.approve(actor, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewResponseDto })
  reject(@CurrentActor() actor: Actor, @Param() { id }: ReviewIdParamsDto, @Body() body: RejectReviewDto): Promise<Review> {
    return this.reviews.reject(actor, id, body.reason);
  }
}

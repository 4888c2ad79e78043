import { Injectable } from '@nestjs/common';
import { UsersService } from '@nss/accounts-api';
import { CatalogSearchIndex } from '@nss/catalog-api';
import type { CreateReviewRequest, Page, ProductReviews, PublicReview, Review, ReviewModerationQuery, ReviewStatus } from '@nss/contracts';
import { Actor, AppError, DataScope, DocumentLocks, isDuplicateKeyError } from '@nss/server-core';
import { OrdersService } from '../orders/orders.service';
import { reviewerDisplayName } from './reviewer-name';
import { ProductRatingsRepository, PUBLIC_REVIEWS_SCOPE, ReviewsRepository } from './reviews.repository';
import type { ReviewDoc, ReviewDocument } from './review.schema';

const REVIEW_WHAT: [string, string] = ['đánh giá', 'Review'];
/** Orders whose goods reached the buyer. */
const REVIEWABLE_STATES = ['delivered', 'completed'];

export function reviewView(doc: ReviewDocument): Review {
  return {
    id: doc.id as string,
    orderId: doc.orderId,
    productId: doc.productId,
    productName: doc.productName,
    sellerId: doc.sellerId,
    provinceCode: doc.provinceCode,
    stars: doc.stars,
    text: doc.text,
    reviewerName: doc.reviewerName,
    status: doc.status,
    rejectionReason: doc.rejectionReason,
    createdAt: doc.createdAt.toISOString(),
    decidedAt: doc.decidedAt ? doc.decidedAt.toISOString() : null,
  };
}

function publicReviewView(doc: ReviewDocument): PublicReview {
  return { id: doc.id as string, stars: doc.stars, text: doc.text, reviewerName: doc.reviewerName, createdAt: doc.createdAt.toISOString() };
}

/** 4.3333 → 4.3 (one decimal, halves up); null without reviews. */
export function averageStars(count: number, starsTotal: number): number | null {
  return count === 0 ? null : Math.round((starsTotal * 10) / count) / 10;
}

/**
 * Reviews: written by the buyer of a delivered (or completed) order, once per product; moderated by staff of the
 * product's province (and admins) like listings; shown on the product page once approved, with the rating.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly ratings: ProductRatingsRepository,
    private readonly orders: OrdersService,
    private readonly users: UsersService,
    private readonly catalog: CatalogSearchIndex,
    private readonly locks: DocumentLocks,
  ) {}

  async create(actor: Actor, orderId: string, input: CreateReviewRequest): Promise<Review> {
    // Someone else's order looks missing (404), like everywhere else.
    const order = await this.orders.find(actor, orderId);
    if (order.buyerUserId !== actor.userId) throw AppError.notFound('đơn hàng', 'Order');
    if (!REVIEWABLE_STATES.includes(order.state)) {
      throw AppError.conflict('ORDER_NOT_DELIVERED', 'Chỉ đánh giá được sau khi đã nhận hàng', 'You can review a product once the order is delivered');
    }
    const line = order.lines.find((l) => l.productId === input.productId);
    if (!line) throw AppError.invalidField('productId', 'Sản phẩm không có trong đơn hàng này', 'the product is not on this order');
    const user = await this.users.findById(actor.userId);
    try {
      const created = await this.reviews.create(DataScope.forActor(actor), {
        orderId: order.id as string,
        productId: line.productId,
        productName: line.name,
        sellerId: order.sellerId,
        provinceCode: order.provinceCode,
        buyerUserId: actor.userId,
        reviewerName: reviewerDisplayName(user?.fullName),
        stars: input.stars,
        text: input.text,
        status: 'pending',
        rejectionReason: null,
        decidedByUserId: null,
        decidedAt: null,
      });
      return reviewView(created);
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw AppError.conflict('REVIEW_EXISTS', 'Bạn đã đánh giá sản phẩm này rồi', 'You have already reviewed this product');
      }
      throw error;
    }
  }

  async moderationQueue(actor: Actor, query: ReviewModerationQuery): Promise<Page<Review>> {
    // The queue is oldest first; decided reviews newest first.
    const sort: Record<string, 1 | -1> = query.status === 'pending' ? { createdAt: 1, _id: 1 } : { decidedAt: -1, _id: -1 };
    const { items, total } = await this.reviews.page(DataScope.forActor(actor), { status: query.status }, query.page, query.pageSize, sort);
    return { items: items.map(reviewView), total, page: query.page, pageSize: query.pageSize };
  }

  approve(actor: Actor, id: string): Promise<Review> {
    return this.decide(actor, id, ['pending'], { status: 'approved', rejectionReason: null });
  }

  /** Rejects a pending review, or takes down an approved one (e.g. reported as abusive). */
  reject(actor: Actor, id: string, reason: string): Promise<Review> {
    return this.decide(actor, id, ['pending', 'approved'], { status: 'rejected', rejectionReason: reason });
  }

  private async decide(actor: Actor, id: string, from: ReviewStatus[], set: Pick<ReviewDoc, 'status' | 'rejectionReason'>): Promise<Review> {
    const scope = DataScope.forActor(actor);
    const decided = await this.locks.run('review', id, async (lease) => {
      const review = await this.reviews.getById(scope, id, REVIEW_WHAT);
      if (!from.includes(review.status)) {
        throw AppError.conflict('NOTHING_TO_REVIEW', 'Đánh giá này đã được xử lý', 'This review has already been decided');
      }
      await lease.assertHeld();
      const saved = await this.reviews.decide(scope, id, from, { ...set, decidedByUserId: actor.userId, decidedAt: new Date() });
      if (!saved) throw AppError.conflict('NOTHING_TO_REVIEW', 'Đánh giá này đã được xử lý', 'This review has already been decided');
      return saved;
    });
    await this.refreshRating(decided.productId);
    return reviewView(decided);
  }

  /**
   * Recomputes the product's rating from its approved reviews, under the product's rating lock. Every decision calls
   * it after its own write, so the last recomputation sees every decision made before it.
   */
  async refreshRating(productId: string): Promise<{ count: number; starsTotal: number }> {
    return this.locks.run('product-rating', productId, async (lease) => {
      const asOf = await this.reviews.latestDecision(productId);
      const totals = await this.reviews.approvedTotals(productId);
      await lease.assertHeld();
      await this.ratings.put({ productId, ...totals, asOf });
      return totals;
    });
  }

  /** The product page's reviews: approved only, newest first, with the rating. 404 unless the product is listed. */
  async forProduct(productId: string, query: { page: number; pageSize: number }): Promise<ProductReviews> {
    if (!(await this.catalog.detail(productId))) throw AppError.notFound('sản phẩm', 'Product');
    const [rating, latest, { items }] = await Promise.all([
      this.ratings.get(productId),
      this.reviews.latestDecision(productId),
      this.reviews.page(PUBLIC_REVIEWS_SCOPE, { productId, status: 'approved' }, query.page, query.pageSize, { createdAt: -1, _id: -1 }),
    ]);
    // A decision whose recomputation did not happen (a crash in between) is caught up here.
    const fresh = latest === null || (rating?.asOf != null && rating.asOf.getTime() >= latest.getTime());
    const totals = fresh ? { count: rating?.count ?? 0, starsTotal: rating?.starsTotal ?? 0 } : await this.refreshRating(productId);
    return {
      productId,
      averageStars: averageStars(totals.count, totals.starsTotal),
      count: totals.count,
      items: items.map(publicReviewView),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

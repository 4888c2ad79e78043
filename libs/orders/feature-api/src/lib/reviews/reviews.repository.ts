import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type FilterQuery, type Model, Types } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { ProductRatingDoc, ReviewDoc } from './review.schema';

/** The product page and the rating are public read models: every product's approved reviews. */
export const PUBLIC_REVIEWS_SCOPE = DataScope.platform('public reviews of a product and its rating');

/** Reviews: staff by the seller's province, buyers their own (`buyerUserId`), sellers their products'. */
@Injectable()
export class ReviewsRepository extends ScopedRepository<ReviewDoc> {
  constructor(@InjectModel(ReviewDoc.name) model: Model<ReviewDoc>) {
    super(model, { province: 'provinceCode', seller: 'sellerId', owner: 'buyerUserId' });
  }

  async page(scope: DataScope, filter: FilterQuery<ReviewDoc>, page: number, pageSize: number, sort: Record<string, 1 | -1>) {
    const [items, total] = await Promise.all([
      this.find(scope, filter, undefined, { sort, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(scope, filter),
    ]);
    return { items, total };
  }

  /**
   * Count and Σ stars of the product's approved reviews, from a histogram computed by the database (one group per
   * star value). One accumulator per $group on purpose: FerretDB 1.24 answers 0 for the second of two `$sum`s in one
   * `$group` (measured: `{count: {$sum: 1}, total: {$sum: '$stars'}}` gives total 0).
   */
  async approvedTotals(productId: string): Promise<{ count: number; starsTotal: number }> {
    const rows = await this.model
      .aggregate<{ _id: number; n: number }>([
        { $match: this.scoped(PUBLIC_REVIEWS_SCOPE, { productId, status: 'approved' }) },
        { $group: { _id: '$stars', n: { $sum: 1 } } },
      ])
      .exec();
    let count = 0;
    let starsTotal = 0;
    for (const row of rows) {
      count += row.n;
      starsTotal += row._id * row.n;
    }
    return { count, starsTotal };
  }

  /** The latest moderation decision among the product's reviews (null: none decided yet). */
  async latestDecision(productId: string): Promise<Date | null> {
    const doc = await this.model
      .findOne(this.scoped(PUBLIC_REVIEWS_SCOPE, { productId, decidedAt: { $ne: null } }), { decidedAt: 1 }, { sort: { decidedAt: -1 } })
      .lean<{ decidedAt: Date | null }>()
      .exec();
    return doc?.decidedAt ?? null;
  }

  /** A decision, written only if the review is still in the state the moderator saw (the caller holds its lock). */
  decide(scope: DataScope, id: string, expected: ReviewDoc['status'][], set: Partial<ReviewDoc>) {
    return this.findOneAndUpdate(scope, { _id: new Types.ObjectId(id), status: { $in: expected } }, { $set: set });
  }
}

/** The rating figures (one per product). */
@Injectable()
export class ProductRatingsRepository {
  constructor(@InjectModel(ProductRatingDoc.name) private readonly model: Model<ProductRatingDoc>) {}

  get(productId: string): Promise<ProductRatingDoc | null> {
    return this.model.findOne({ productId }).lean<ProductRatingDoc>().exec();
  }

  /** Replaces the figure (the caller holds the product's rating lock). */
  async put(rating: Pick<ProductRatingDoc, 'productId' | 'count' | 'starsTotal' | 'asOf'>): Promise<void> {
    await this.model.updateOne({ productId: rating.productId }, { $set: rating }, { upsert: true }).exec();
  }
}

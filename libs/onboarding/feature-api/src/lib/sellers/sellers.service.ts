import { Injectable } from '@nestjs/common';
import type { Page, SellerDetail, SellerListQuery, SellerSummary, VerifySellerBody } from '@nss/contracts';
import { AppError, type Actor } from '@nss/server-core';
import { foldVietnamese } from '@nss/util-vn';
import { SellerAccess } from './seller-access';
import { mayReadCitizenId, sellerDetailOf, sellerSummaryOf } from './seller.mapper';
import type { SellerDocument } from './seller.schema';
import { SellersRepository } from './sellers.repository';

const notFound = () => AppError.notFound('người bán', 'Seller');

/** Reading sellers (lists never carry citizen IDs) and their verification by province staff. */
@Injectable()
export class SellersService {
  constructor(private readonly sellers: SellersRepository) {}

  async list(actor: Actor, query: SellerListQuery): Promise<Page<SellerSummary>> {
    const folded = query.q ? foldVietnamese(query.q) : '';
    const { items, total } = await this.sellers.page(
      SellerAccess.forActor(actor),
      { status: query.status, communeCode: query.communeCode, folded: folded || undefined },
      query.page,
      query.pageSize,
    );
    return { items: items.map(sellerSummaryOf), total, page: query.page, pageSize: query.pageSize };
  }

  /** A seller the caller may see; another province's seller, or one an agent no longer manages, is a 404. */
  async get(actor: Actor, id: string): Promise<SellerDetail> {
    const seller = await this.sellers.get(SellerAccess.forActor(actor), id);
    if (!seller) throw notFound();
    return sellerDetailOf(seller, mayReadCitizenId(actor, seller));
  }

  async me(actor: Actor): Promise<SellerDetail> {
    if (!actor.sellerId) throw notFound();
    return this.get(actor, actor.sellerId);
  }

  /** Approve or reject (with a reason). Each decision is one atomic update guarded on the status it changes. */
  async verify(actor: Actor, id: string, body: VerifySellerBody, now = new Date()): Promise<SellerDetail> {
    const access = SellerAccess.forActor(actor);
    const status = body.decision === 'approve' ? 'verified' : 'rejected';
    const reason = body.reason?.trim() || undefined;
    const change = { status, actorUserId: actor.userId, actorRole: actor.role, at: now, ...(reason ? { reason } : {}) };
    const updated = await this.sellers.updateGuarded(
      access,
      id,
      { status: { $ne: status } },
      {
        $set: { status, ...(reason ? { statusReason: reason } : {}) },
        ...(reason ? {} : { $unset: { statusReason: 1 } }),
        $push: { statusHistory: change },
      },
    );
    if (!updated) {
      const existing = await this.sellers.get(access, id);
      if (!existing) throw notFound();
      throw AppError.conflict(
        'ALREADY_DECIDED',
        status === 'verified' ? 'Người bán đã được xác minh' : 'Người bán đã bị từ chối',
        status === 'verified' ? 'The seller is already verified' : 'The seller is already rejected',
      );
    }
    let result: SellerDocument | null = updated;
    if (status === 'verified' && !updated.funnel.verifiedAt) {
      await this.sellers.markMilestone(access, [id], 'verifiedAt', now);
      result = await this.sellers.get(access, id);
    }
    if (!result) throw notFound();
    return sellerDetailOf(result, mayReadCitizenId(actor, result));
  }
}

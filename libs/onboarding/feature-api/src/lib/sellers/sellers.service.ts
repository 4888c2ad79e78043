import { Injectable } from '@nestjs/common';
import type { Page, SellerDetail, SellerListQuery, SellerSummary, VerifySellerBody } from '@nss/contracts';
import { AppError, type Actor } from '@nss/server-core';
import { foldVietnamese } from '@nss/util-vn';
import { CitizenIdCipher } from './citizen-id-cipher';
import { SellerAccess } from './seller-access';
import { mayReadCitizenId, sellerDetailOf, sellerSummaryOf } from './seller.mapper';
import { SellerTransitions } from './seller-transitions';
import { SellersRepository } from './sellers.repository';

const notFound = () => AppError.notFound('người bán', 'Seller');

/** Reading sellers (lists never carry citizen IDs) and their verification by province staff. */
@Injectable()
export class SellersService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly transitions: SellerTransitions,
    private readonly cipher: CitizenIdCipher,
  ) {}

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
    return sellerDetailOf(seller, this.cipher.open(seller.citizenIdSealed), mayReadCitizenId(actor, seller));
  }

  async me(actor: Actor): Promise<SellerDetail> {
    if (!actor.sellerId) throw notFound();
    return this.get(actor, actor.sellerId);
  }

  /**
   * Approve or reject (with a reason). A decision equal to the current status, or one that loses a race with
   * another change, is a 409.
   */
  async verify(actor: Actor, id: string, body: VerifySellerBody, now = new Date()): Promise<SellerDetail> {
    const access = SellerAccess.forActor(actor);
    const seller = await this.sellers.get(access, id);
    if (!seller) throw notFound();
    const status = body.decision === 'approve' ? 'verified' : 'rejected';
    if (seller.status === status) throw alreadyDecided(status);
    const reason = body.reason?.trim() || undefined;
    const change = { status, actorUserId: actor.userId, actorRole: actor.role, at: now, ...(reason ? { reason } : {}) };
    const updated = await this.transitions.apply(
      access,
      seller,
      { kind: `status:${status}`, actorUserId: actor.userId, at: now },
      {
        $set: { status, ...(reason ? { statusReason: reason } : {}) },
        ...(reason ? {} : { $unset: { statusReason: 1 } }),
        $push: { statusHistory: change },
      },
    );
    if (!updated) throw alreadyDecided(status);
    if (status === 'verified') await this.transitions.milestoneOnce(access, id, 'verifiedAt', now);
    const result = await this.sellers.get(access, id);
    if (!result) throw notFound();
    return sellerDetailOf(result, this.cipher.open(result.citizenIdSealed), mayReadCitizenId(actor, result));
  }
}

function alreadyDecided(status: 'verified' | 'rejected'): AppError {
  return AppError.conflict(
    'ALREADY_DECIDED',
    status === 'verified' ? 'Người bán đã được xác minh hoặc vừa được xử lý' : 'Người bán đã bị từ chối hoặc vừa được xử lý',
    status === 'verified' ? 'The seller is already verified or was just decided' : 'The seller is already rejected or was just decided',
  );
}

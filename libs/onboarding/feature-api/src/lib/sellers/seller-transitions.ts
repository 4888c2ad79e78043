import { Injectable } from '@nestjs/common';
import type { UpdateQuery } from 'mongoose';
import { DataScope } from '@nss/server-core';
import { SellerAccess } from './seller-access';
import type { Seller, SellerDocument } from './seller.schema';
import { SellerEventsRepository } from './seller-events.repository';
import { SellersRepository } from './sellers.repository';

export type Milestone = 'verifiedAt' | 'firstListingAt' | 'firstSaleAt';

/**
 * Changes a seller's state exactly once even when requests race, on MongoDB and on FerretDB (whose guarded updates
 * are not atomic under concurrency; unique-index inserts are): claim the event key, then write.
 */
@Injectable()
export class SellerTransitions {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly events: SellerEventsRepository,
  ) {}

  /**
   * Applies `update` to the seller as it was read (`seller.stateVersion`). Null when another change got there first:
   * the caller reloads and decides (usually 409).
   */
  async apply(
    access: SellerAccess,
    seller: SellerDocument,
    change: { kind: string; actorUserId: string | null; at: Date },
    update: UpdateQuery<Seller>,
  ): Promise<SellerDocument | null> {
    const scope = DataScope.province(seller.provinceCode, 'seller state change');
    const version = (seller.stateVersion ?? 0) + 1;
    const key = `state:${seller.id as string}:${version}`;
    const won = await this.events.claim(scope, {
      key,
      sellerId: seller.id as string,
      provinceCode: seller.provinceCode,
      kind: change.kind,
      actorUserId: change.actorUserId,
      at: change.at,
    });
    if (!won) return null;
    const current = version - 1;
    const guard = current === 0 ? { $or: [{ stateVersion: 0 }, { stateVersion: { $exists: false } }] } : { stateVersion: current };
    const updated = await this.sellers.updateGuarded(access, seller.id as string, guard, {
      ...update,
      $set: { ...(update.$set ?? {}), stateVersion: version },
    });
    if (!updated) await this.events.release(scope, key);
    return updated;
  }

  /** Sets a funnel milestone if it was never set. True only for the one call that set it. */
  async milestoneOnce(access: SellerAccess, sellerId: string, milestone: Milestone, at: Date): Promise<boolean> {
    const seller = await this.sellers.get(access, sellerId);
    if (!seller || seller.funnel[milestone]) return false;
    const won = await this.events.claim(DataScope.province(seller.provinceCode, 'seller milestone'), {
      key: `milestone:${seller.id as string}:${milestone}`,
      sellerId: seller.id as string,
      provinceCode: seller.provinceCode,
      kind: milestone,
      actorUserId: null,
      at,
    });
    if (!won) return false;
    await this.sellers.markMilestone(access, [seller.id as string], milestone, at);
    return true;
  }
}

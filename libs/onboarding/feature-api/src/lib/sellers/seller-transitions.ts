import { Injectable, Logger } from '@nestjs/common';
import type { UpdateQuery } from 'mongoose';
import { DataScope } from '@nss/server-core';
import { SellerAccess } from './seller-access';
import type { Seller, SellerDocument } from './seller.schema';
import type { SellerEvent } from './seller-event.schema';
import { SellerEventsRepository } from './seller-events.repository';
import { SellersRepository } from './sellers.repository';

export type Milestone = 'verifiedAt' | 'firstListingAt' | 'firstSaleAt';

/**
 * A claim older than this whose change is not on the seller was abandoned (its claimant crashed between claim and
 * write): it may be taken over. Far longer than a write takes under its lock (wait 5 s + lease), so a live claimant
 * is never overtaken in practice, and if it were, the seller write is still guarded by `stateVersion`.
 */
export const ABANDONED_CLAIM_MS = 60_000;

/**
 * Changes a seller's state exactly once even when requests race, on MongoDB and on FerretDB (whose guarded updates
 * are not atomic under concurrency; unique-index inserts are): claim the event key, then write. Every failure after
 * the claim releases it, and a claim left behind by a crash is taken over once it is old, so no seller is wedged.
 */
@Injectable()
export class SellerTransitions {
  private readonly logger = new Logger(SellerTransitions.name);

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
    const event = { key: `state:${seller.id as string}:${version}`, sellerId: seller.id as string, provinceCode: seller.provinceCode, communeCode: seller.communeCode, ...change };
    // The seller as read still has version - 1, so an existing claim of `version` has not been written (yet).
    const claimId = await this.claimOrTakeOver(scope, event, async () => (await this.sellers.get(access, seller.id as string))?.stateVersion === version - 1);
    if (!claimId) return null;
    const current = version - 1;
    const guard = current === 0 ? { $or: [{ stateVersion: 0 }, { stateVersion: { $exists: false } }] } : { stateVersion: current };
    return this.thenRelease(scope, claimId, () =>
      this.sellers.updateGuarded(access, seller.id as string, guard, { ...update, $set: { ...(update.$set ?? {}), stateVersion: version } }),
    );
  }

  /** Sets a funnel milestone if it was never set. True only for the one call that set it. */
  async milestoneOnce(access: SellerAccess, sellerId: string, milestone: Milestone, at: Date): Promise<boolean> {
    const seller = await this.sellers.get(access, sellerId);
    if (!seller || seller.funnel[milestone]) return false;
    const scope = DataScope.province(seller.provinceCode, 'seller milestone');
    const event = { key: `milestone:${seller.id as string}:${milestone}`, sellerId: seller.id as string, provinceCode: seller.provinceCode, communeCode: seller.communeCode, kind: milestone, actorUserId: null, at };
    const claimId = await this.claimOrTakeOver(scope, event, async () => !(await this.sellers.get(access, sellerId))?.funnel[milestone]);
    if (!claimId) return false;
    const changed = await this.thenRelease(scope, claimId, async () => (await this.sellers.markMilestone(access, [seller.id as string], milestone, at)) > 0 || null);
    return changed === true;
  }

  /** Claims the event; if the key is taken by an abandoned claim (old, and its change not on the seller), takes it over once. */
  private async claimOrTakeOver(scope: DataScope, event: Omit<SellerEvent, 'createdAt'>, notApplied: () => Promise<boolean>): Promise<string | null> {
    const claimId = await this.events.claim(scope, event);
    if (claimId) return claimId;
    if (!(await notApplied())) return null;
    if (!(await this.events.releaseAbandoned(scope, event.key, new Date(Date.now() - ABANDONED_CLAIM_MS)))) return null;
    this.logger.warn(`took over an abandoned claim: ${event.kind}`);
    return this.events.claim(scope, event);
  }

  /** Runs the write that follows a claim; releases the claim when the write throws or matched nothing. */
  private async thenRelease<T>(scope: DataScope, claimId: string, write: () => Promise<T | null>): Promise<T | null> {
    let result: T | null = null;
    try {
      result = await write();
      return result;
    } finally {
      if (result === null) await this.events.release(scope, claimId).catch((error: unknown) => this.logger.error(`claim not released: ${String(error)}`));
    }
  }
}

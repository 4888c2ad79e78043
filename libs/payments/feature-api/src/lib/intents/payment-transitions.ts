import { Injectable, Logger } from '@nestjs/common';
import type { PaymentIntentStatus } from '@nss/contracts';
import { type LockLease } from '@nss/server-core';
import type { PaymentIntentDoc, PaymentIntentDocument } from './payment-intent.schema';
import { PaymentEventsRepository } from './payment-events.repository';
import { PaymentIntentsRepository } from './payment-intents.repository';
import { PaymentAccess } from '../payment-access';

export interface PaymentChange {
  type: string;
  source: string;
  reason: string | null;
  actorUserId: string | null;
  at: Date;
}

/**
 * Changes an intent's status exactly once, whatever races it (IPNs, returns, querydr, the expiry job, staff), on
 * MongoDB and on FerretDB: the caller holds the checkout's lock; the change first claims the payment event
 * `state:<intentId>:<stateVersion + 1>` (unique index), then writes the intent guarded by `stateVersion` and the
 * lock's fencing token. A failed write releases the claim. A claim found for the next version while the intent is
 * still at the old one was left by a holder that crashed or lost its lock (we hold the lock now): it is taken over.
 */
@Injectable()
export class PaymentTransitions {
  private readonly logger = new Logger(PaymentTransitions.name);
  private readonly scope = PaymentAccess.system('payment state change');

  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly events: PaymentEventsRepository,
  ) {}

  /** The intent after the change; null when another change got there first (the caller reloads and decides). */
  async apply(
    lease: LockLease,
    intent: PaymentIntentDocument,
    to: PaymentIntentStatus,
    change: PaymentChange,
    set: Partial<PaymentIntentDoc> = {},
  ): Promise<PaymentIntentDocument | null> {
    const id = intent.id as string;
    const fromVersion = intent.stateVersion ?? 0;
    const event = { key: `state:${id}:${fromVersion + 1}`, subjectId: id, checkoutId: intent.checkoutId, from: intent.status, to, ...change };
    let claimId = await this.events.claim(this.scope, event);
    if (!claimId) {
      const current = await this.intents.findById(this.scope, id);
      if (!current || (current.stateVersion ?? 0) !== fromVersion) return null;
      const stale = await this.events.findByKey(this.scope, event.key);
      if (stale) await this.events.release(this.scope, String(stale._id));
      this.logger.warn('took over an abandoned payment state claim');
      claimId = await this.events.claim(this.scope, event);
      if (!claimId) return null;
    }
    let updated: PaymentIntentDocument | null = null;
    try {
      await lease.assertHeld();
      updated = await this.intents.writeState(this.scope, id, fromVersion, { ...set, status: to, reason: change.reason }, lease.fence);
      return updated;
    } finally {
      if (!updated) await this.events.release(this.scope, claimId).catch((error: unknown) => this.logger.error(`claim not released: ${String(error)}`));
    }
  }
}

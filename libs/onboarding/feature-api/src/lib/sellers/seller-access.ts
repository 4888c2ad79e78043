import { DataScope, type Actor } from '@nss/server-core';

/**
 * What part of the sellers collection a caller may touch: the data scope (admin: all; staff and agents: their
 * province; a seller: itself), narrowed for agents to the sellers they still manage. Sellers repository methods
 * take one, so neither rule can be forgotten by a service.
 */
export class SellerAccess {
  private constructor(
    readonly scope: DataScope,
    /** Set for agents: only sellers with this `managedByAgentId`. */
    readonly managedByAgentId: string | null,
  ) {}

  static forActor(actor: Actor): SellerAccess {
    const scope = DataScope.forActor(actor);
    return new SellerAccess(scope, actor.role === 'agent' ? actor.userId : null);
  }

  /** Whole province (e.g. matching training attendees to sellers), whatever the role. */
  static province(provinceCode: string, reason: string): SellerAccess {
    return new SellerAccess(DataScope.province(provinceCode, reason), null);
  }

  /** System work: handover claims (proved by a one-time code), the catalogue's seller directory. */
  static platform(reason: string): SellerAccess {
    return new SellerAccess(DataScope.platform(reason), null);
  }
}

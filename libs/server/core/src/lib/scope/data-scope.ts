import type { Actor } from './actor';
import { AppError } from '../errors/app-error';

/**
 * The slice of data a query may touch. Repositories take one on every call, and the only ways to make one are
 * below, so a query without its scope cannot be written by accident:
 * - `forActor`: what a signed-in user may see (admin: all; agent/staff: their province; seller: their own;
 *   buyer: what they own).
 * - `province`: one province, for code acting on a province's behalf (e.g. checking a commune's seller).
 * - `platform`: everything, with a stated reason, for system work (seeding, jobs, public read models).
 */
export class DataScope {
  private constructor(
    readonly kind: 'platform' | 'province' | 'seller' | 'owner',
    readonly provinceCode: string | null,
    readonly sellerId: string | null,
    readonly ownerUserId: string | null,
    readonly reason: string,
  ) {}

  static forActor(actor: Actor): DataScope {
    switch (actor.role) {
      case 'admin':
        return new DataScope('platform', null, null, null, 'admin');
      case 'agent':
      case 'province_staff':
        if (!actor.provinceCode) throw AppError.forbidden();
        return new DataScope('province', actor.provinceCode, null, null, actor.role);
      case 'seller':
        if (!actor.sellerId) {
          return new DataScope('owner', null, null, actor.userId, 'seller without seller profile');
        }
        return new DataScope('seller', actor.provinceCode ?? null, actor.sellerId, actor.userId, 'seller');
      case 'buyer':
        return new DataScope('owner', null, null, actor.userId, 'buyer');
    }
  }

  static province(provinceCode: string, reason: string): DataScope {
    return new DataScope('province', provinceCode, null, null, reason);
  }

  static platform(reason: string): DataScope {
    return new DataScope('platform', null, null, null, reason);
  }

  get isPlatform(): boolean {
    return this.kind === 'platform';
  }
}

/** The document fields a collection uses to say whose data a document is. */
export interface ScopeFields {
  province?: string;
  seller?: string;
  owner?: string;
}

/**
 * The filter that restricts a query to a scope. A collection that lacks the field a scope needs is closed to that
 * scope (deny by default): e.g. a buyer scope on a collection that has no owner field matches nothing.
 */
export function scopeFilter(scope: DataScope, fields: ScopeFields): Record<string, unknown> {
  switch (scope.kind) {
    case 'platform':
      return {};
    case 'province':
      return fields.province ? { [fields.province]: scope.provinceCode } : { _id: { $exists: false } };
    case 'seller':
      if (fields.seller) return { [fields.seller]: scope.sellerId };
      if (fields.owner) return { [fields.owner]: scope.ownerUserId };
      return { _id: { $exists: false } };
    case 'owner':
      return fields.owner ? { [fields.owner]: scope.ownerUserId } : { _id: { $exists: false } };
  }
}

/** True when a document (about to be written) lies inside the scope. */
export function isInScope(scope: DataScope, fields: ScopeFields, doc: Record<string, unknown>): boolean {
  const filter = scopeFilter(scope, fields);
  if ('_id' in filter) return false;
  return Object.entries(filter).every(([key, value]) => String(doc[key]) === String(value));
}

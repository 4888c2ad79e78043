import { Injectable } from '@nestjs/common';
import { getCommune, getProvince } from '@nss/admin-units';
import type { FunnelCounts, FunnelDto, FunnelQuery } from '@nss/contracts';
import { AppError, DataScope, type Actor } from '@nss/server-core';
import { SellerAccess } from '../sellers/seller-access';
import { SellersRepository } from '../sellers/sellers.repository';
import { TrainingAttendancesRepository } from '../training/training-attendances.repository';

const STAGES = [
  ['account', 'accountAt'],
  ['verified', 'verifiedAt'],
  ['firstListing', 'firstListingAt'],
  ['firstSale', 'firstSaleAt'],
] as const;

const zero = (): FunnelCounts => ({ trained: 0, account: 0, verified: 0, firstListing: 0, firstSale: 0 });

/**
 * The onboarding funnel per commune: trained households (from attendance) → accounts → verified → first listing →
 * first sale (from seller milestones). One $match/$group per stage; the arithmetic is finished here.
 */
@Injectable()
export class FunnelService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly attendances: TrainingAttendancesRepository,
  ) {}

  async funnel(actor: Actor, query: FunnelQuery): Promise<FunnelDto> {
    const provinceCode = this.provinceOf(actor, query);
    if (query.communeCode && provinceCode && getCommune(query.communeCode)?.provinceCode !== provinceCode) {
      throw AppError.invalidField('communeCode', 'Xã/phường không thuộc tỉnh', 'the commune is not in the province');
    }
    // No province only for an admin (provinceOf): the admin's own scope is the whole country.
    const scope = provinceCode ? DataScope.province(provinceCode, 'onboarding funnel') : DataScope.forActor(actor);
    const access = provinceCode ? SellerAccess.province(provinceCode, 'onboarding funnel') : SellerAccess.forActor(actor);
    const match = query.communeCode ? { communeCode: query.communeCode } : {};

    const [trained, ...stages] = await Promise.all([
      this.attendances.trainedHouseholds(scope, match),
      ...STAGES.map(([, milestone]) => this.sellers.countByCommune(access, match, milestone)),
    ]);

    const rows = new Map<string, FunnelCounts>();
    const row = (code: string) => rows.get(code) ?? rows.set(code, zero()).get(code) ?? zero();
    for (const [code, n] of trained.byCommune) row(code).trained = n;
    STAGES.forEach(([stage], i) => {
      for (const { _id, n } of stages[i] ?? []) row(_id)[stage] = n;
    });

    const counts = zero();
    counts.trained = trained.total;
    for (const r of rows.values()) for (const [stage] of STAGES) counts[stage] += r[stage];

    const communes = [...rows.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([communeCode, c]) => ({ communeCode, communeName: getCommune(communeCode)?.name ?? communeCode, ...c }));
    return {
      ...(provinceCode ? { provinceCode } : {}),
      ...(query.communeCode ? { communeCode: query.communeCode } : {}),
      counts,
      communes,
    };
  }

  /** Staff and agents see their own province; an admin chooses one or sees the whole country. */
  private provinceOf(actor: Actor, query: FunnelQuery): string | undefined {
    if (actor.role === 'admin') {
      if (query.provinceCode && !getProvince(query.provinceCode)) {
        throw AppError.invalidField('provinceCode', 'Không có tỉnh/thành phố này', 'no such province');
      }
      return query.provinceCode ?? (query.communeCode ? getCommune(query.communeCode)?.provinceCode : undefined);
    }
    if (!actor.provinceCode) throw AppError.forbidden();
    if (query.provinceCode && query.provinceCode !== actor.provinceCode) throw AppError.forbidden();
    return actor.provinceCode;
  }
}

import { Injectable } from '@nestjs/common';
import { listProvinces } from '@nss/admin-units';
import type { ReportTopDto, ReportTopQuery } from '@nss/contracts';
import type { Actor } from '@nss/server-core';
import { addTop, emptyTop, type TopSums } from '../sources/order-top';
import { ReportNamesRepository } from '../store/report-names.repository';
import { ReportTopsRepository } from '../store/report-tops.repository';
import { checkCommune, periodOf, reportTarget } from './report-access';
import { idsOf } from './rollup-reader';

/** Ranked by revenue, then orders, then weight; the id last so equal rows keep one order. */
function byRevenue([idA, a]: [string, TopSums], [idB, b]: [string, TopSums]): number {
  return b[1] - a[1] || b[0] - a[0] || b[2] - a[2] || idA.localeCompare(idB);
}

/**
 * Top products and sellers of a province (or the country, for admins) over a period, from `report_top` (the same
 * rollup cover as the figures: whole years, months and the ragged days), net of cancellations and refunds. Names are
 * the current public names, read once with `$in`.
 */
@Injectable()
export class ReportTopService {
  constructor(
    private readonly tops: ReportTopsRepository,
    private readonly names: ReportNamesRepository,
  ) {}

  async top(actor: Actor, query: ReportTopQuery, now = new Date()): Promise<ReportTopDto> {
    const target = reportTarget(actor, query.province);
    const commune = checkCommune(target.provinceCode, query.commune);
    const period = periodOf(query, now);
    const provinces = target.provinceCode ? [target.provinceCode] : listProvinces().map((p) => p.code);
    const sums = emptyTop();
    for (const doc of await this.tops.byIds(target.scope, idsOf(provinces, period))) {
      for (const [key, top] of Object.entries(doc.communes)) if (commune === undefined || key === commune) addTop(sums, top);
    }
    const kind = query.by === 'product' ? 'products' : 'sellers';
    const ranked = Object.entries(sums[kind])
      .filter(([, s]) => s[0] > 0 || s[1] > 0)
      .sort(byRevenue)
      .slice(0, query.limit);
    const names = await this.names[kind].of(target.scope, ranked.map(([id]) => id));
    return {
      ...(target.provinceCode ? { provinceCode: target.provinceCode } : {}),
      by: query.by,
      period: { kind: period.kind, key: period.key, from: period.from, to: period.to },
      rows: ranked.map(([id, [orders, revenueVnd, grams]]) => ({ id, name: names.get(id) ?? '', orders, revenueVnd, weightKg: grams / 1000 })),
    };
  }
}

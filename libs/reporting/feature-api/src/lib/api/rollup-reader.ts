import { Injectable } from '@nestjs/common';
import { listProvinces } from '@nss/admin-units';
import { coverOf, figureValues, type FigureValues, type Period } from '@nss/report-figures';
import type { DataScope } from '@nss/server-core';
import { addPlace, emptyPlace } from '../store/rollup-fold';
import { type PlaceFigures, rollupId } from '../store/report-rollup.schema';
import { ReportRollupsRepository } from '../store/report-rollups.repository';

/** The rollup ids that cover a period for some provinces: whole years, whole months, and the ragged days. */
export function idsOf(provinces: string[], period: Pick<Period, 'from' | 'to'>): string[] {
  const cover = coverOf(period);
  return provinces.flatMap((p) => [
    ...cover.years.map((y) => rollupId('y', p, y)),
    ...cover.months.map((m) => rollupId('m', p, m)),
    ...cover.days.map((d) => rollupId('d', p, d)),
  ]);
}

/**
 * Reads figures of periods from the rollups (one `$in` query for all of them) and adds them up: a province total, a
 * commune row, or every commune row.
 */
@Injectable()
export class RollupReader {
  constructor(private readonly rollups: ReportRollupsRepository) {}

  /** Each period's place figures, in order. `provinceCode` null = every province. */
  async places(scope: DataScope, provinceCode: string | null, periods: Array<Pick<Period, 'from' | 'to'>>, commune?: string): Promise<PlaceFigures[]> {
    const provinces = provinceCode ? [provinceCode] : listProvinces().map((p) => p.code);
    const idLists = periods.map((period) => idsOf(provinces, period));
    const docs = new Map((await this.rollups.byIds(scope, [...new Set(idLists.flat())])).map((d) => [d._id, d]));
    return idLists.map((ids) => {
      const place = emptyPlace();
      for (const id of ids) {
        const doc = docs.get(id);
        if (doc) addPlace(place, commune !== undefined ? doc.communes[commune] : doc.total);
      }
      return place;
    });
  }

  async values(scope: DataScope, provinceCode: string | null, periods: Array<Pick<Period, 'from' | 'to'>>, commune?: string): Promise<FigureValues[]> {
    return (await this.places(scope, provinceCode, periods, commune)).map((p) => figureValues(p.figures, p.members));
  }

  /** Every commune row of a province over a period. */
  async communes(scope: DataScope, provinceCode: string, period: Pick<Period, 'from' | 'to'>): Promise<Map<string, FigureValues>> {
    const ids = idsOf([provinceCode], period);
    const rows = new Map<string, PlaceFigures>();
    for (const doc of await this.rollups.byIds(scope, ids)) {
      for (const [key, place] of Object.entries(doc.communes)) addPlace(rows.get(key) ?? rows.set(key, emptyPlace()).get(key) ?? emptyPlace(), place);
    }
    return new Map([...rows].map(([key, p]) => [key, figureValues(p.figures, p.members)]));
  }
}

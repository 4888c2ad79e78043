import { Injectable } from '@nestjs/common';
import * as adminUnits from '@nss/admin-units';
import type {
  ReportCommunesDto,
  ReportCommunesQuery,
  ReportFiguresDto,
  ReportFiguresQuery,
  ReportPeriodDto,
  ReportSeriesDto,
  ReportSeriesQuery,
} from '@nss/contracts';
import {
  FIGURE_LABELS,
  FIGURE_NAMES,
  bucketsOf,
  communeRowName,
  isFigureName,
  isFormerCommuneKey,
  previousPeriod,
  summaryParagraph,
  type Period,
} from '@nss/report-figures';
import { AppError, type Actor } from '@nss/server-core';
import { checkCommune, periodOf, reportTarget } from './report-access';
import { RollupReader } from './rollup-reader';

const periodDto = (p: Period): ReportPeriodDto => ({ kind: p.kind, key: p.key, from: p.from, to: p.to });

/** Figures, commune table and series of a province (or the country) from the rollups; never reads the orders. */
@Injectable()
export class ReportsService {
  constructor(private readonly reader: RollupReader) {}

  async figures(actor: Actor, query: ReportFiguresQuery, now = new Date()): Promise<ReportFiguresDto> {
    const target = reportTarget(actor, query.province);
    const commune = checkCommune(target.provinceCode, query.commune);
    const period = periodOf(query, now);
    const previous = previousPeriod(period);
    const [current, before] = await this.reader.values(target.scope, target.provinceCode, [period, previous], commune);
    if (!current || !before) throw new Error('rollup reader returned fewer periods than asked');
    const name = commune ? communeRowName(commune, adminUnits) : null;
    const national = !target.provinceCode;
    return {
      ...(target.provinceCode ? { provinceCode: target.provinceCode } : {}),
      ...(commune && name ? { commune: { key: commune, name } } : {}),
      period: periodDto(period),
      previousPeriod: periodDto(previous),
      figures: FIGURE_NAMES.map((figure) => ({ name: figure, label: FIGURE_LABELS[figure], value: current[figure], previous: before[figure] })),
      summary: {
        vi: summaryParagraph({ period, values: current, locale: 'vi', ...(name ? { placeName: name.vi } : national ? { placeName: 'cả nước' } : {}) }),
        en: summaryParagraph({ period, values: current, locale: 'en', ...(name ? { placeName: name.en } : national ? { placeName: 'the country' } : {}) }),
      },
    };
  }

  /**
   * Every commune of the province (those without activity at zero), then rows for former communes that were split
   * and for records whose commune is unknown.
   */
  async communes(actor: Actor, query: ReportCommunesQuery, now = new Date()): Promise<ReportCommunesDto> {
    const target = reportTarget(actor, query.province, { provinceRequired: true });
    const provinceCode = target.provinceCode as string;
    const period = periodOf(query, now);
    const rows = await this.reader.communes(target.scope, provinceCode, period);
    const keys = [...new Set([...adminUnits.listCommunes(provinceCode).map((c) => c.code), ...rows.keys()])];
    const order = (key: string) => (isFormerCommuneKey(key) ? 1 : key ? 0 : 2);
    keys.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    const zero = Object.fromEntries(FIGURE_NAMES.map((f) => [f, 0]));
    return {
      provinceCode,
      period: periodDto(period),
      communes: keys.map((key) => ({ key, name: communeRowName(key, adminUnits), former: isFormerCommuneKey(key), values: { ...zero, ...(rows.get(key) ?? {}) } })),
    };
  }

  async series(actor: Actor, query: ReportSeriesQuery, now = new Date()): Promise<ReportSeriesDto> {
    const target = reportTarget(actor, query.province);
    const commune = checkCommune(target.provinceCode, query.commune);
    if (!isFigureName(query.figure)) throw AppError.invalidField('figure', 'Không có chỉ tiêu này', 'no such figure');
    const figure = query.figure;
    const buckets = bucketsOf(periodOf(query, now), query.granularity);
    const values = await this.reader.values(target.scope, target.provinceCode, buckets, commune);
    return {
      ...(target.provinceCode ? { provinceCode: target.provinceCode } : {}),
      figure,
      granularity: query.granularity,
      points: buckets.map((b, i) => ({ key: b.key, from: b.from, to: b.to, value: values[i]?.[figure] ?? 0 })),
    };
  }
}

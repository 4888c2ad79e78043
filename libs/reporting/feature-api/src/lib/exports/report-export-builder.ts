import { Injectable } from '@nestjs/common';
import { listProvinces } from '@nss/admin-units';
import type { ReportCommunesDto, ReportFiguresQuery, ReportFunnelDto, ReportSeriesDto } from '@nss/contracts';
import { provinceReportFrom, reportCsv, reportPdf, reportXlsx, type ProvinceReport } from '@nss/report-exports';
import { daysBetween, type FigureName } from '@nss/report-figures';
import { DataScope, type Actor } from '@nss/server-core';
import { ReportFunnelService } from '../api/report-funnel.service';
import { ReportsService } from '../api/reports.service';
import { RollupReader } from '../api/rollup-reader';
import { provinceNames } from './report-export-files';
import type { ReportExport } from './report-export.schema';

/** The series a report carries (the PDF charts the first). */
export const EXPORT_SERIES: readonly FigureName[] = ['revenue_vnd', 'orders_sold', 'weight_grams', 'accounts_created'];

/**
 * The worker reads as the platform: who may have which export was decided when it was accepted (the route checks the
 * caller's province), and the export names its province and commune, so the reads stay inside them.
 */
const WORKER_ACTOR: Actor = { userId: 'reporting-worker', role: 'admin' };

/** Day buckets up to two months, weeks up to about half a year, months beyond. */
export function seriesGranularity(period: { from: string; to: string }): 'day' | 'week' | 'month' {
  const days = daysBetween(period.from, period.to) + 1;
  return days <= 62 ? 'day' : days <= 190 ? 'week' : 'month';
}

/** What a step reports: how many of the build's steps are done (the last one, storing the file, is the runner's). */
export type StepReport = (done: number) => Promise<void>;

/**
 * Makes an export's file from the same services the dashboard answers with (figures, commune table, series, funnel),
 * one step at a time, then renders it with @nss/report-exports. A national export's table lists the provinces.
 */
@Injectable()
export class ReportExportBuilder {
  constructor(
    private readonly reports: ReportsService,
    private readonly funnels: ReportFunnelService,
    private readonly reader: RollupReader,
  ) {}

  /** Steps of a build: figures, table, each series, the funnel (a province), rendering; plus storing (the runner). */
  stepsOf(doc: Pick<ReportExport, 'provinceCode'>): number {
    return 2 + EXPORT_SERIES.length + (doc.provinceCode ? 1 : 0) + 1 + 1;
  }

  async build(doc: ReportExport, step: StepReport, now = new Date()): Promise<Buffer> {
    let done = 0;
    const next = async () => step(++done);
    const query: ReportFiguresQuery = {
      ...(doc.provinceCode ? { province: doc.provinceCode } : {}),
      ...(doc.communeKey ? { commune: doc.communeKey } : {}),
      ...(doc.period.kind === 'range' ? { period: 'range', from: doc.period.from, to: doc.period.to } : { period: doc.period.kind, at: doc.period.key }),
    };
    const figures = await this.reports.figures(WORKER_ACTOR, query, now);
    await next();
    const communes = await this.table(doc, query, now);
    await next();
    const series: ReportSeriesDto[] = [];
    for (const figure of EXPORT_SERIES) {
      series.push(await this.reports.series(WORKER_ACTOR, { ...query, figure, granularity: seriesGranularity(doc.period) }, now));
      await next();
    }
    let funnel: ReportFunnelDto | undefined;
    if (doc.provinceCode) {
      funnel = await this.funnels.funnel(WORKER_ACTOR, { province: doc.provinceCode, ...(doc.communeKey ? { commune: doc.communeKey } : {}), by: 'commune' });
      await next();
    }
    const report = provinceReportFrom({
      province: provinceNames(doc.provinceCode),
      ...(doc.provinceCode ? {} : { place: { vi: 'cả nước', en: 'the country' } }),
      figures,
      communes,
      series,
      funnel,
      generatedAt: now,
    });
    const file = await this.render(report, doc.format);
    await next();
    return file;
  }

  private render(report: ProvinceReport, format: ReportExport['format']): Promise<Buffer> {
    switch (format) {
      case 'xlsx':
        return reportXlsx(report);
      case 'pdf':
        return reportPdf(report);
      case 'csv':
        // One CSV: the commune table (every figure per commune, the province total last), the sheet people open.
        return Promise.resolve(reportCsv(report, 'communes'));
    }
  }

  /** The commune table of the province (only the chosen commune's row for a commune report); the provinces for the country. */
  private async table(doc: ReportExport, query: ReportFiguresQuery, now: Date): Promise<ReportCommunesDto> {
    if (doc.provinceCode) {
      const { commune: _c, ...provinceQuery } = query;
      const table = await this.reports.communes(WORKER_ACTOR, { ...provinceQuery, province: doc.provinceCode }, now);
      return doc.communeKey ? { ...table, communes: table.communes.filter((c) => c.key === doc.communeKey) } : table;
    }
    const provinces = listProvinces();
    const scope = DataScope.forActor(WORKER_ACTOR);
    const rows = await Promise.all(provinces.map(async (p) => (await this.reader.values(scope, p.code, [doc.period]))[0] ?? {}));
    return {
      provinceCode: '00',
      period: doc.period,
      communes: provinces.map((p, i) => ({ key: p.code, name: provinceNames(p.code).name, former: false, values: { ...(rows[i] ?? {}) } })),
    };
  }
}

import type { ReportCommunesDto, ReportFiguresDto, ReportFunnelDto, ReportSeriesDto } from '@nss/contracts';
import { isFigureName } from '@nss/report-figures';
import type { LocalText, ProvinceReport, ReportSeries } from './report-data';

/**
 * A province report from what the reporting services answer. The funnel's stuck households (names, phones) are left
 * out: files travel further than the dashboard. Figures the library does not know (none today) are dropped.
 */
export function provinceReportFrom(input: {
  province: { code: string; name: LocalText };
  place?: LocalText | undefined;
  figures: ReportFiguresDto;
  communes: ReportCommunesDto;
  series: ReportSeriesDto[];
  funnel?: ReportFunnelDto | undefined;
  generatedAt: Date;
}): ProvinceReport {
  const { figures, funnel } = input;
  return {
    province: input.province,
    // A report of one commune speaks of that commune (the figures answer names it).
    place: input.place ?? figures.commune?.name,
    period: figures.period,
    previousPeriod: figures.previousPeriod,
    figures: figures.figures.flatMap((f) => (isFigureName(f.name) ? [{ name: f.name, value: f.value, previous: f.previous }] : [])),
    communes: input.communes.communes,
    series: input.series.flatMap((s): ReportSeries[] => (isFigureName(s.figure) ? [{ figure: s.figure, granularity: s.granularity, points: s.points }] : [])),
    funnel: funnel && {
      by: funnel.by,
      counts: funnel.counts,
      conversion: funnel.conversion,
      medianDaysToFirstSale: funnel.medianDaysToFirstSale,
      rows: funnel.rows,
    },
    generatedAt: input.generatedAt,
  };
}

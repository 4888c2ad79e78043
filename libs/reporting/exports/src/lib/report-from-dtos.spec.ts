import type { ReportCommunesDto, ReportFiguresDto, ReportFunnelDto, ReportSeriesDto } from '@nss/contracts';
import { FIGURE_LABELS } from '@nss/report-figures';
import { provinceReportFrom } from './report-from-dtos';
import { reportCsv } from './report-csv';
import { communeRows, provinceReport } from './testing/report-fixture';

/** The services' answers for the fixture report, the funnel with a stuck household as the province's staff see it. */
function answers() {
  const report = provinceReport();
  const figures: ReportFiguresDto = {
    provinceCode: '19',
    period: report.period,
    previousPeriod: report.previousPeriod,
    figures: report.figures.map((f) => ({ ...f, label: FIGURE_LABELS[f.name] })),
    summary: { vi: 'Trong tháng 11/2026…', en: 'In November 2026…' },
  };
  const communes: ReportCommunesDto = { provinceCode: '19', period: report.period, communes: communeRows(2) };
  const series: ReportSeriesDto = { provinceCode: '19', ...(report.series[0] as ReportSeriesDto) };
  const funnel: ReportFunnelDto = {
    provinceCode: '19',
    ...(report.funnel as NonNullable<typeof report.funnel>),
    stuck: [
      { householdKey: 'phone:0912345678', communeKey: '01843', communeName: { vi: 'Phường Bắc Kạn', en: 'Phường Bắc Kạn' }, step: 'account', since: '2026-10-02', name: 'Nguyễn Văn An', phone: '0912345678' },
    ],
  };
  return { report, figures, communes, series, funnel };
}

describe('provinceReportFrom', () => {
  it('takes the services’ answers as they come and leaves the stuck households (names, phones) out', () => {
    const { report, figures, communes, series, funnel } = answers();
    const made = provinceReportFrom({ province: report.province, figures, communes, series: [series], funnel, generatedAt: report.generatedAt });
    expect(made.figures).toEqual(report.figures);
    expect(made.period).toEqual(report.period);
    expect(made.communes.map((c) => c.name.vi)).toEqual(['Phường Bắc Kạn', 'Xã Định Hóa', 'Xã cũ Tân Cương (đã chia tách, không phân bổ)']);
    expect(made.series[0]?.points).toHaveLength(30);
    expect(made.funnel?.rows).toEqual(report.funnel?.rows);
    const text = JSON.stringify(made);
    expect(text).not.toContain('0912345678');
    expect(text).not.toContain('Nguyễn Văn An');
    expect(reportCsv(made, 'communes').toString('utf8')).toContain('Xã Định Hóa');
    expect(made.place).toBeUndefined();
  });

  it('speaks of the commune a figures answer was filtered to', () => {
    const { report, figures, communes } = answers();
    const commune = { key: '01843', name: { vi: 'Phường Bắc Kạn', en: 'Bac Kan Ward' } };
    const made = provinceReportFrom({ province: report.province, figures: { ...figures, commune }, communes, series: [], generatedAt: report.generatedAt });
    expect(made.place).toEqual(commune.name);
  });
});

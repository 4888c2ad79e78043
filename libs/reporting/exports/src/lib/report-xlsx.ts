import { Workbook, type Worksheet } from 'exceljs';
import { FIGURE_LABELS, FUNNEL_STEPS, periodPhrase, type FigureName } from '@nss/report-figures';
import { communeValue, currentValues, displayUnit, displayValue, figureTitle } from './figure-columns';
import type { ProvinceReport, ReportFunnelSummary, LocalText } from './report-data';
import { FUNNEL_STEP_LABELS, PROVINCE_TOTAL, generatedAtText, reportSummary, reportTitle } from './report-text';
import { NUM_FMT, excelDay, freezeHeader, writeTable, type SheetCell, type SheetColumn } from './sheet-table';

/** Sheet names: Vietnamese first (a sheet name cannot hold "/"; at most 31 characters). */
export const XLSX_SHEETS = {
  summary: 'Tổng hợp (Summary)',
  communes: 'Xã phường (Communes)',
  series: 'Theo thời gian (Series)',
  funnel: 'Phễu (Funnel)',
} as const;

const numFmtOf = (figure: FigureName) => (figure === 'weight_grams' ? NUM_FMT.tonnes : NUM_FMT.count);
const figureColumn = (figure: FigureName, width = 16): SheetColumn => ({ header: FIGURE_LABELS[figure], width, numFmt: numFmtOf(figure) });

/**
 * The province report as an XLSX workbook: the summary (title, the paragraph, each figure with the previous period
 * and the change), the commune table, the series and the funnel. Numbers are stored as numbers (weight in tonnes),
 * formatted by Excel; header rows stay frozen on the tables.
 */
export async function reportXlsx(report: ProvinceReport): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'Nông Sàn Số';
  wb.created = report.generatedAt;
  summarySheet(wb.addWorksheet(XLSX_SHEETS.summary), report);
  communesSheet(wb.addWorksheet(XLSX_SHEETS.communes), report);
  seriesSheet(wb.addWorksheet(XLSX_SHEETS.series), report);
  funnelSheet(wb.addWorksheet(XLSX_SHEETS.funnel), report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Where the summary's figure table starts (under the title, the time and the two paragraphs). */
const SUMMARY_TABLE_ROW = 8;

/**
 * Title and the paragraph on top, then the figure table. Not frozen: the paragraph rows are tall, and frozen they
 * would fill a laptop screen.
 */
function summarySheet(ws: Worksheet, report: ProvinceReport): void {
  const title = reportTitle(report);
  const summary = reportSummary(report);
  const generated = generatedAtText(report.generatedAt);
  ws.getCell('A1').value = title.vi;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = title.en;
  ws.getCell('A2').font = { italic: true };
  ws.getCell('A3').value = `${generated.vi} · ${generated.en}`;
  paragraphRow(ws, 5, summary.vi, false);
  paragraphRow(ws, 6, summary.en, true);
  const now = periodPhrase(report.period, 'vi');
  const before = periodPhrase(report.previousPeriod, 'vi');
  const columns: SheetColumn[] = [
    { header: { vi: 'Chỉ tiêu', en: 'Figure' }, width: 40 },
    { header: { vi: 'Đơn vị', en: 'Unit' }, width: 12 },
    { header: { vi: `Kỳ này (${now})`, en: `This period (${periodPhrase(report.period, 'en')})` }, width: 20, numFmt: NUM_FMT.count },
    { header: { vi: `Kỳ trước (${before})`, en: `Previous period (${periodPhrase(report.previousPeriod, 'en')})` }, width: 20, numFmt: NUM_FMT.count },
    { header: { vi: 'Thay đổi', en: 'Change' }, width: 12, numFmt: NUM_FMT.change },
  ];
  const rows: SheetCell[][] = report.figures.map((f) => [
    `${figureTitle(f.name).vi} (${figureTitle(f.name).en})`,
    displayUnit(f.name).vi,
    displayValue(f.name, f.value),
    displayValue(f.name, f.previous),
    f.previous === 0 ? null : (f.value - f.previous) / Math.abs(f.previous),
  ]);
  writeTable(ws, SUMMARY_TABLE_ROW, columns, rows);
  report.figures.forEach((f, i) => {
    if (f.name !== 'weight_grams') return;
    for (const col of [3, 4]) ws.getRow(SUMMARY_TABLE_ROW + 2 + i).getCell(col).numFmt = NUM_FMT.tonnes;
  });
}

/** A paragraph across the table's width, wrapped, with a row height that shows all of it. */
function paragraphRow(ws: Worksheet, row: number, text: string, italic: boolean): void {
  ws.mergeCells(row, 1, row, 5);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.alignment = { wrapText: true, vertical: 'top' };
  cell.font = { italic };
  ws.getRow(row).height = Math.ceil(text.length / 95 + 1) * 15;
}

function communesSheet(ws: Worksheet, report: ProvinceReport): void {
  const figures = report.figures.map((f) => f.name);
  const columns: SheetColumn[] = [
    { header: { vi: 'Mã xã', en: 'Code' }, width: 11 },
    { header: { vi: 'Xã, phường', en: 'Commune' }, width: 36 },
    ...figures.map((f) => figureColumn(f)),
  ];
  const total = currentValues(report);
  const rows: SheetCell[][] = [
    ...report.communes.map((c) => [c.key, c.name.vi, ...figures.map((f) => displayValue(f, communeValue(c.values, f)))]),
    ['', `${PROVINCE_TOTAL.vi} (${PROVINCE_TOTAL.en})`, ...figures.map((f) => displayValue(f, total[f]))],
  ];
  const end = writeTable(ws, 1, columns, rows, 1);
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: end - 2, column: columns.length } };
  freezeHeader(ws, 2, 2);
}

function seriesSheet(ws: Worksheet, report: ProvinceReport): void {
  const [first] = report.series;
  const byKey = report.series.map((s) => new Map(s.points.map((p) => [p.key, p.value])));
  const columns: SheetColumn[] = [
    { header: { vi: 'Kỳ', en: 'Period' }, width: 14 },
    { header: { vi: 'Từ ngày', en: 'From' }, width: 12, numFmt: NUM_FMT.date },
    { header: { vi: 'Đến ngày', en: 'To' }, width: 12, numFmt: NUM_FMT.date },
    ...report.series.map((s) => figureColumn(s.figure, 18)),
  ];
  const rows: SheetCell[][] = (first?.points ?? []).map((p) => [
    p.key,
    excelDay(p.from),
    excelDay(p.to),
    ...report.series.map((s, i) => displayValue(s.figure, byKey[i]?.get(p.key) ?? 0)),
  ]);
  writeTable(ws, 1, columns, rows);
  freezeHeader(ws, 2, 1);
}

const funnelCells = (name: string, s: ReportFunnelSummary): SheetCell[] => [
  name,
  ...FUNNEL_STEPS.map((step) => s.counts[step]),
  ...FUNNEL_STEPS.slice(1).map((step) => s.conversion[step]),
  s.medianDaysToFirstSale,
];

function funnelSheet(ws: Worksheet, report: ProvinceReport): void {
  const funnel = report.funnel;
  const by: LocalText = funnel?.by === 'agent' ? { vi: 'Tổ công nghệ số', en: 'Agent' } : { vi: 'Xã, phường', en: 'Commune' };
  const columns: SheetColumn[] = [
    { header: by, width: 36 },
    ...FUNNEL_STEPS.map((step) => ({ header: FUNNEL_STEP_LABELS[step], width: 14, numFmt: NUM_FMT.count })),
    ...FUNNEL_STEPS.slice(1).map((step) => ({
      header: { vi: `Tỉ lệ: ${FUNNEL_STEP_LABELS[step].vi}`, en: `Rate: ${FUNNEL_STEP_LABELS[step].en}` },
      width: 14,
      numFmt: NUM_FMT.percent,
    })),
    { header: { vi: 'Số ngày đến đơn đầu (trung vị)', en: 'Median days to first sale' }, width: 16, numFmt: NUM_FMT.days },
  ];
  const rows: SheetCell[][] = funnel
    ? [...funnel.rows.map((r) => funnelCells(r.name.vi, r)), funnelCells(`${PROVINCE_TOTAL.vi} (${PROVINCE_TOTAL.en})`, funnel)]
    : [['Không có số liệu phễu (no funnel data)']];
  writeTable(ws, 1, columns, rows, funnel ? 1 : 0);
  freezeHeader(ws, 2, 1);
}

import PDFDocument from 'pdfkit';
import { FIGURE_LABELS, formatChange, formatNumber, periodPhrase, type FigureName } from '@nss/report-figures';
import { PDF_COMMUNE_FIGURES, communeValue, currentValues, displayUnit, displayValue, figureTitle } from './figure-columns';
import { drawSeriesChart } from './pdf-chart';
import { registerReportFonts } from './pdf-fonts';
import { drawTable, pageBottom, type PdfColumn } from './pdf-table';
import type { ProvinceReport } from './report-data';
import { PROVINCE_TOTAL, generatedAtText, reportSummary, reportTitle } from './report-text';

const MARGIN = 48;
const FOOTER_SPACE = 36;
const CHART_HEIGHT = 220;

/** A figure as people read it: `1.354`, tonnes with one decimal (`37,5`). */
function shown(figure: FigureName, value: number): string {
  return formatNumber(displayValue(figure, value), 'vi', figure === 'weight_grams' ? 1 : 0);
}

function heading(doc: PDFKit.PDFDocument, vi: string, en: string): void {
  if (doc.y + 60 > pageBottom(doc)) doc.addPage();
  doc.moveDown(0.6).font('bold').fontSize(11).fillColor('black').text(vi, MARGIN, doc.y);
  doc.font('italic').fontSize(8.5).fillColor('#546e7a').text(en).fillColor('black').moveDown(0.4);
}

/**
 * The province report as an A4 PDF. It opens with the Vietnamese summary paragraph, as the provincial reports do
 * ("Trong tháng 11/2026, toàn tỉnh đã tập huấn cho 1.354 hộ…"), then the English one, the figures with the previous
 * period, the commune table (continued across pages) and a bar chart of the first series; every page's footer names
 * the province, the period, when it was made (Vietnam time) and the page number.
 */
export function reportPdf(report: ProvinceReport): Promise<Buffer> {
  const title = reportTitle(report);
  const summary = reportSummary(report);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    info: { Title: `${title.vi} (${title.en})`, Author: 'Nông Sàn Số', CreationDate: report.generatedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerReportFonts(doc);
  const width = doc.page.width - 2 * MARGIN;

  doc.font('sans').fontSize(11).text(summary.vi.normalize('NFC'), MARGIN, MARGIN, { width, align: 'justify', lineGap: 2 });
  doc.moveDown(0.5).font('italic').fontSize(9).fillColor('#546e7a').text(summary.en, { width, align: 'justify' }).fillColor('black');

  heading(doc, `1. Các chỉ tiêu chính – ${periodPhrase(report.period, 'vi')}`, `Key figures – ${periodPhrase(report.period, 'en')}`);
  const figureColumns: PdfColumn[] = [
    { header: { vi: 'Chỉ tiêu', en: 'Figure' }, width: width - 280 },
    { header: { vi: 'Đơn vị', en: 'Unit' }, width: 60 },
    { header: { vi: 'Kỳ này', en: 'This period' }, width: 80, align: 'right' },
    { header: { vi: `Kỳ trước (${periodPhrase(report.previousPeriod, 'vi')})`, en: 'Previous period' }, width: 80, align: 'right' },
    { header: { vi: 'Thay đổi', en: 'Change' }, width: 60, align: 'right' },
  ];
  drawTable(
    doc,
    figureColumns,
    report.figures.map((f) => [
      `${figureTitle(f.name).vi}\n${figureTitle(f.name).en}`,
      displayUnit(f.name).vi,
      shown(f.name, f.value),
      shown(f.name, f.previous),
      formatChange(f.value, f.previous, 'vi') ?? '–',
    ]),
  );

  heading(doc, '2. Theo xã, phường', 'By commune');
  // Revenue needs room for 1.234.567.890 in bold; the other figures are short.
  const figureWidth = (f: FigureName) => (f === 'revenue_vnd' ? 78 : 56);
  const communeColumns: PdfColumn[] = [
    { header: { vi: 'Xã, phường', en: 'Commune' }, width: width - PDF_COMMUNE_FIGURES.reduce((sum, f) => sum + figureWidth(f), 0) },
    ...PDF_COMMUNE_FIGURES.map((f): PdfColumn => ({ header: FIGURE_LABELS[f], width: figureWidth(f), align: 'right' })),
  ];
  const total = currentValues(report);
  drawTable(
    doc,
    communeColumns,
    [
      ...report.communes.map((c) => [c.name.vi.normalize('NFC'), ...PDF_COMMUNE_FIGURES.map((f) => shown(f, communeValue(c.values, f)))]),
      [PROVINCE_TOTAL.vi, ...PDF_COMMUNE_FIGURES.map((f) => shown(f, total[f]))],
    ],
    1,
  );

  const [series] = report.series;
  if (series) {
    if (doc.y + CHART_HEIGHT + 80 > pageBottom(doc)) doc.addPage();
    heading(doc, '3. Diễn biến theo thời gian', 'Over time');
    drawSeriesChart(doc, series, CHART_HEIGHT);
  }

  footers(doc, report);
  doc.end();
  return done;
}

/** Every page's footer, written once the page count is known (the pages are buffered). */
function footers(doc: PDFKit.PDFDocument, report: ProvinceReport): void {
  const title = reportTitle(report);
  const generated = generatedAtText(report.generatedAt);
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin would otherwise start a new page
    const y = doc.page.height - MARGIN - 14;
    const width = doc.page.width - 2 * MARGIN;
    doc.save().moveTo(MARGIN, y - 6).lineTo(MARGIN + width, y - 6).lineWidth(0.5).strokeColor('#b0bec5').stroke().restore();
    doc.font('narrow').fontSize(7.5).fillColor('#546e7a');
    doc.text(`${title.vi} · ${generated.vi} · Trang ${i - start + 1}/${count}`, MARGIN, y, { width, lineBreak: false });
    doc.text(`${title.en} · ${generated.en} · Page ${i - start + 1} of ${count}`, MARGIN, y + 10, { width, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}

import { FIGURE_LABELS, formatNumber } from '@nss/report-figures';
import { displayUnit, displayValue } from './figure-columns';
import type { ReportSeries } from './report-data';

const BAR = '#2e7d32';
const AXIS = '#455a64';
const MAX_X_LABELS = 12;

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1), so the axis ticks are round numbers. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

/** A bucket key as a short axis label: `23/11` for a day, `T48` for a week, `11/2026` for a month. */
export function shortBucketLabel(key: string): string {
  const day = /^\d{4}-(\d{2})-(\d{2})$/.exec(key);
  if (day) return `${day[2]}/${day[1]}`;
  const week = /^\d{4}-W(\d{2})$/.exec(key);
  if (week) return `T${week[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  return month ? `${month[2]}/${month[1]}` : key;
}

/**
 * A bar chart of one series drawn with pdfkit's vector primitives: caption, y axis with five round ticks, one bar per
 * bucket, at most twelve x labels. Occupies `height` points from the current position.
 */
export function drawSeriesChart(doc: PDFKit.PDFDocument, series: ReportSeries, height = 220): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const unit = displayUnit(series.figure);
  const label = FIGURE_LABELS[series.figure];
  doc.font('bold').fontSize(9).fillColor('black').text(`${label.vi} (${label.en}) – ${unit.vi} (${unit.en})`, left, doc.y, { width });
  const top = doc.y + 8;
  const axisX = left + 48;
  const axisY = top + height - 40;
  const plotW = left + width - axisX;
  const plotH = axisY - top;
  const values = series.points.map((p) => displayValue(series.figure, p.value));
  const max = niceMax(Math.max(0, ...values));
  const decimals = series.figure === 'weight_grams' && max < 10 ? 1 : 0;

  doc.font('narrow').fontSize(7).fillColor(AXIS).lineWidth(0.5);
  for (let i = 0; i <= 5; i++) {
    const y = axisY - (plotH * i) / 5;
    doc.save().moveTo(axisX, y).lineTo(axisX + plotW, y).strokeColor(i ? '#eceff1' : AXIS).stroke().restore();
    doc.text(formatNumber((max * i) / 5, 'vi', decimals), left, y - 4, { width: 44, align: 'right', lineBreak: false });
  }
  doc.save().moveTo(axisX, top).lineTo(axisX, axisY).strokeColor(AXIS).stroke().restore();

  const n = Math.max(1, values.length);
  const slot = plotW / n;
  const every = Math.ceil(n / MAX_X_LABELS);
  values.forEach((v, i) => {
    const h = (plotH * Math.max(0, v)) / max;
    if (h > 0) doc.save().rect(axisX + i * slot + slot * 0.15, axisY - h, slot * 0.7, h).fill(BAR).restore();
    const point = series.points[i];
    if (point && i % every === 0) {
      const w = Math.min(60, slot * every);
      doc.fillColor(AXIS).text(shortBucketLabel(point.key), axisX + (i + 0.5) * slot - w / 2, axisY + 4, { width: w, align: 'center', lineBreak: false });
    }
  });
  doc.fillColor('black');
  doc.x = left;
  doc.y = axisY + 24;
}

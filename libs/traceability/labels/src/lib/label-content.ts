import type { GlyphEncoder } from './glyphs';
import type { LabelGeometry } from './label-geometry';
import type { LabelTextLayout } from './label-text';
import { encodeStampQr, qrRectangles } from './qr-path';
import { LabelSheetOptions, PT_PER_MM, SHEET_MARGIN_MM, gridOrigin, sheetLayout } from './sheet-layout';
import type { StampLabel } from './stamp-label';

/** Modules of white around the symbol inside the QR box; the label's padding adds to it (≥ 4 modules in all). */
const QUIET_MODULES = 2;

/** A number for a content stream: at most 2 decimals (1/7200 in), no exponent. */
export function n(value: number): string {
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Grey ticks in the sheet margin, in line with every column and row boundary. */
export function cutMarks(opts: LabelSheetOptions): string {
  const { columns, rows } = sheetLayout(opts);
  const { leftMm, topMm } = gridOrigin(opts);
  const mm = PT_PER_MM;
  const tick = Math.min(3, SHEET_MARGIN_MM - 1) * mm;
  const left = leftMm * mm;
  const top = topMm * mm;
  const right = left + columns * opts.labelWidthMm * mm;
  const bottom = top + rows * opts.labelHeightMm * mm;
  let ops = 'q 0.55 G 0.25 w\n';
  for (let c = 0; c <= columns; c++) {
    const x = n(left + c * opts.labelWidthMm * mm);
    ops += `${x} ${n(top - 1 - tick)} m ${x} ${n(top - 1)} l ${x} ${n(bottom + 1)} m ${x} ${n(bottom + 1 + tick)} l\n`;
  }
  for (let r = 0; r <= rows; r++) {
    const y = n(top + r * opts.labelHeightMm * mm);
    ops += `${n(left - 1 - tick)} ${y} m ${n(left - 1)} ${y} l ${n(right + 1)} ${y} m ${n(right + 1 + tick)} ${y} l\n`;
  }
  return `${ops}S Q\n`;
}

/** One label's operators at (x, y) on the page: its QR code as one filled path, then its lines of text. */
export function labelContent(label: StampLabel, x: number, y: number, g: LabelGeometry, text: LabelTextLayout, mono: GlyphEncoder, fontSizeOp: string): string {
  const modules = encodeStampQr(label.url, label.serial);
  const unit = g.qr.size / (modules.size + 2 * QUIET_MODULES);
  let ops = `q 1 0 0 1 ${n(x)} ${n(y)} cm\nq ${unit.toFixed(4)} 0 0 ${unit.toFixed(4)} ${n(g.qr.x)} ${n(g.qr.y)} cm\n`;
  ops += qrRectangles(modules, QUIET_MODULES);
  ops += 'f Q\nBT\n';
  let font: GlyphEncoder | null = null;
  for (const line of [...text.fixedLines(label), ...text.serial(label, mono)]) {
    if (line.font !== font) {
      font = line.font;
      ops += `/${font.font.id} ${fontSizeOp} Tf\n`;
    }
    // The page space is flipped (y down, pdfkit's convention): flip the text back upright.
    ops += `1 0 0 -1 ${n(line.x)} ${n(line.baseline)} Tm ${line.hex} Tj\n`;
  }
  return `${ops}ET Q\n`;
}

import { formatSerial } from '@nss/trace-codes';
import type { GlyphEncoder } from './glyphs';
import { LabelSheetOptions, PT_PER_MM } from './sheet-layout';

const PADDING_MM = 1.5;
const GAP_MM = 0.8;
const LINE_HEIGHT = 1.18;
/** A bigger QR code reads no better; the room goes to the text. */
const MAX_QR_MM = 50;

/** Positions inside a label, in points from its top-left corner (y downwards), fixed for the whole file. */
export interface LabelGeometry {
  widthPt: number;
  heightPt: number;
  fontSize: number;
  lineHeight: number;
  /** QR box (includes the quiet modules). */
  qr: { x: number; y: number; size: number };
  mode: 'side' | 'stacked';
  /** Text area. */
  text: { x: number; width: number; top: number; bottom: number };
  /** Serial characters a line holds. */
  serialCharsPerLine: number;
  serialLines: number;
}

/** The label's layout for its size: QR beside the text ('side') or above it ('stacked'), whichever gives a bigger QR. */
export function labelGeometry(opts: LabelSheetOptions, mono: GlyphEncoder): LabelGeometry {
  const widthPt = opts.labelWidthMm * PT_PER_MM;
  const heightPt = opts.labelHeightMm * PT_PER_MM;
  const pad = PADDING_MM * PT_PER_MM;
  const gap = GAP_MM * PT_PER_MM;
  const innerW = widthPt - 2 * pad;
  const innerH = heightPt - 2 * pad;
  const maxQr = MAX_QR_MM * PT_PER_MM;
  const monoEm = mono.width('0') / 1000;
  const serialLength = formatSerial('X'.repeat(14)).length; // 17 with the group spaces
  // From 5 pt (the smallest that prints legibly) to 12 pt, in half points.
  const size = (pt: number) => Math.min(12, Math.max(5, Math.round(pt * 2) / 2));

  // Side by side: the QR on the left, the text in a column wide enough for half a serial ("ABCD EFGH");
  // 6 pt on a 25 mm label.
  const sideFont = size(heightPt * 0.085);
  const sideQr = Math.min(innerH, innerW - gap - 9 * monoEm * sideFont, maxQr);
  // Stacked: the QR on top, the serial (on one line if the font allows 5 pt), product, producer and lot under it.
  const stackedFont = size(Math.min(Math.min(widthPt, heightPt) * 0.07, innerW / (serialLength * monoEm)));
  const stackedSerialLines = serialLength * monoEm * stackedFont <= innerW ? 1 : 2;
  const stackedText = (stackedSerialLines + 3) * stackedFont * LINE_HEIGHT;
  const stackedQr = Math.min(innerW, innerH - gap - stackedText, maxQr);

  if (sideQr >= stackedQr) {
    const textX = pad + sideQr + gap;
    const textWidth = widthPt - pad - textX;
    const serialCharsPerLine = Math.max(4, Math.floor(textWidth / (monoEm * sideFont) + 1e-6));
    return {
      widthPt,
      heightPt,
      fontSize: sideFont,
      lineHeight: sideFont * LINE_HEIGHT,
      qr: { x: pad, y: pad + (innerH - sideQr) / 2, size: sideQr },
      mode: 'side',
      text: { x: textX, width: textWidth, top: pad, bottom: heightPt - pad },
      serialCharsPerLine,
      serialLines: serialLinesFor(serialCharsPerLine),
    };
  }
  // The QR and the text under it, centred on the label as one block.
  const top = pad + Math.max(0, (innerH - (stackedQr + gap + stackedText)) / 2);
  const serialCharsPerLine = Math.floor(innerW / (monoEm * stackedFont) + 1e-6);
  return {
    widthPt,
    heightPt,
    fontSize: stackedFont,
    lineHeight: stackedFont * LINE_HEIGHT,
    qr: { x: pad + (innerW - stackedQr) / 2, y: top, size: stackedQr },
    mode: 'stacked',
    text: { x: pad, width: innerW, top: top + stackedQr + gap, bottom: heightPt - pad },
    serialCharsPerLine,
    serialLines: serialLinesFor(serialCharsPerLine),
  };
}

/** The serial in groups of four ("ABCD EFGH JKMN P2"), wrapped between groups into as few, even lines as fit. */
export function serialLines(serial: string, charsPerLine: number): string[] {
  const groups = formatSerial(serial).split(' ');
  for (let count = 1; count <= groups.length; count++) {
    const perLine = Math.ceil(groups.length / count);
    const lines: string[] = [];
    for (let i = 0; i < groups.length; i += perLine) lines.push(groups.slice(i, i + perLine).join(' '));
    if (lines.every((line) => line.length <= charsPerLine)) return lines;
  }
  // A group longer than the line (never with the sizes allowed) is cut.
  return groups.flatMap((group) => group.match(new RegExp(`.{1,${Math.max(1, charsPerLine)}}`, 'g')) ?? []);
}

function serialLinesFor(charsPerLine: number): number {
  return serialLines('X'.repeat(14), charsPerLine).length;
}

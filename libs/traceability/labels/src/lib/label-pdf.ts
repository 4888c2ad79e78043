import { readFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { formatSerial } from '@nss/trace-codes';
import { GlyphEncoder, PdfkitFont, cleanText } from './glyphs';
import { encodeStampQr, qrRectangles } from './qr-path';
import {
  LabelSheetOptions,
  MAX_LABELS_PER_PDF,
  PT_PER_MM,
  SHEET_MARGIN_MM,
  gridOrigin,
  sheetLayout,
  validateLabelSize,
} from './sheet-layout';
import { abandon, drained } from './streams';

/** What one printed stamp label shows. */
export interface StampLabel {
  serial: string;
  /** Encoded in the QR code (error correction M). */
  url: string;
  productName: string;
  producerName: string;
  lotCode?: string;
}

export interface LabelPdfResult {
  labels: number;
  pages: number;
  bytes: number;
}

/** Modules of white around the symbol inside the QR box; the label's padding adds to it (≥ 4 modules in all). */
const QUIET_MODULES = 2;
const PADDING_MM = 1.5;
const GAP_MM = 0.8;
const LINE_HEIGHT = 1.18;
/** Longest URL accepted (stamp URLs are 40–90 characters; 200 ASCII characters already need a version-10 symbol). */
const MAX_URL_LENGTH = 200;
/** A bigger QR code reads no better; the room goes to the text. */
const MAX_QR_MM = 50;
const CONTENT_DEFLATE_LEVEL = 2;

/**
 * The API and the worker are bundled by webpack, which would turn a plain `require.resolve` into a module id:
 * webpack's escape hatch is Node's own require (under jest and ts-node the ordinary one), which finds the font files
 * in node_modules at run time.
 */
declare const __non_webpack_require__: NodeJS.Require | undefined;
const nodeRequire: NodeJS.Require = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;

const FONT_FILES = {
  sans: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  mono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
} as const;
const fontFiles = new Map<string, Buffer>();
function fontFile(name: keyof typeof FONT_FILES): Buffer {
  let data = fontFiles.get(name);
  if (!data) {
    data = readFileSync(nodeRequire.resolve(FONT_FILES[name]));
    fontFiles.set(name, data);
  }
  return data;
}

/**
 * pdfkit internals we rely on (0.17): the current font object, the page's font resources and its content stream
 * object (`PDFReference`: chunks in `buffer`, deflated at the end when `compress`).
 */
interface PdfkitInternals {
  _font: PdfkitFont;
  page: { fonts: Record<string, unknown>; content: unknown };
}

interface PdfkitStream {
  buffer: Uint8Array[];
  compress: boolean;
  data: Record<string, unknown>;
}

export function isPdfkitStream(ref: unknown): ref is PdfkitStream {
  const r = ref as Partial<PdfkitStream> | null;
  return !!r && Array.isArray(r.buffer) && typeof r.compress === 'boolean' && typeof r.data === 'object' && r.data !== null;
}

/**
 * Puts a page's operators into its content stream, deflated at a fast level. pdfkit deflates at zlib's default
 * (level 6), which on label content takes 3–4× longer than level 2 for 35 % fewer bytes, and labels are far
 * under their size budget either way; its addContent also makes a Buffer per call. What pdfkit itself wrote to the
 * page (its y-flip) stays first. Should pdfkit's internals change shape, the operators go through addContent.
 */
function writePageContent(doc: PDFKit.PDFDocument, ops: string[]): void {
  const content = (doc as unknown as PdfkitInternals).page.content;
  if (!isPdfkitStream(content) || !content.compress) {
    doc.addContent(ops.join(''));
    return;
  }
  const raw = Buffer.concat([...content.buffer, Buffer.from(ops.join(''), 'latin1')]);
  const deflated = deflateSync(raw, { level: CONTENT_DEFLATE_LEVEL });
  content.buffer = [deflated];
  content.compress = false;
  content.data['Filter'] = 'FlateDecode';
  content.data['Length'] = deflated.length;
}

function useFont(doc: PDFKit.PDFDocument, file: keyof typeof FONT_FILES): GlyphEncoder {
  doc.font(fontFile(file));
  return new GlyphEncoder((doc as unknown as PdfkitInternals)._font);
}

/** A number for a content stream: at most 2 decimals (1/7200 in), no exponent. */
function n(value: number): string {
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

interface TextLine {
  font: GlyphEncoder;
  hex: string;
  x: number;
  baseline: number;
}

/** Positions inside a label, in points from its top-left corner (y downwards), fixed for the whole file. */
interface LabelGeometry {
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

function geometry(opts: LabelSheetOptions, mono: GlyphEncoder): LabelGeometry {
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
function serialLines(serial: string, charsPerLine: number): string[] {
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

/**
 * The text of a product/producer/lot combination (the same on every label of a lot): computed once, cached.
 * Side layout: product (bold) and producer lines from the top of the column, lot under them, the serial at the
 * bottom. Stacked: centred lines under the QR: serial, product, producer, lot.
 */
class LabelTextLayout {
  private readonly cache = new Map<string, TextLine[]>();

  constructor(
    private readonly g: LabelGeometry,
    private readonly sans: GlyphEncoder,
    private readonly bold: GlyphEncoder,
  ) {}

  fixedLines(label: StampLabel): TextLine[] {
    const key = `${label.productName}\u0000${label.producerName}\u0000${label.lotCode ?? ''}`;
    let lines = this.cache.get(key);
    if (!lines) {
      lines = this.g.mode === 'side' ? this.side(label) : this.stacked(label);
      if (this.cache.size >= 256) this.cache.clear();
      this.cache.set(key, lines);
    }
    return lines;
  }

  private get maxWidth(): number {
    return (this.g.text.width * 1000) / this.g.fontSize;
  }

  /** "Lô <code>" (lot), or just the code when the word does not fit beside it. */
  private lot(label: StampLabel): string {
    const lot = label.lotCode ? cleanText(label.lotCode) : '';
    if (!lot) return '';
    return this.sans.width(`Lô ${lot}`) <= this.maxWidth ? `Lô ${lot}` : lot;
  }

  private side(label: StampLabel): TextLine[] {
    const { g } = this;
    const slots = Math.max(0, Math.floor((g.text.bottom - g.text.top) / g.lineHeight + 1e-6) - g.serialLines);
    const product = this.bold.wrap(label.productName, this.maxWidth, 3);
    const producer = this.sans.wrap(label.producerName, this.maxWidth, 3);
    const lot = this.lot(label);
    // Slots in order of importance: first lines of product and producer, the lot, then more lines of each.
    let productLines = 0;
    let producerLines = 0;
    let lotLines = 0;
    let free = slots;
    const take = (want: boolean) => want && free > 0 && free-- > 0;
    if (take(product.length > 0)) productLines++;
    if (take(producer.length > 0)) producerLines++;
    if (take(lot !== '')) lotLines++;
    for (let more = 1; more < 3; more++) {
      if (take(product.length > more)) productLines++;
      if (take(producer.length > more)) producerLines++;
    }
    const out: TextLine[] = [];
    let baseline = g.text.top + g.fontSize * 0.85;
    const push = (font: GlyphEncoder, text: string) => {
      out.push({ font, hex: font.line(text).hex, x: g.text.x, baseline });
      baseline += g.lineHeight;
    };
    for (const line of this.bold.wrap(label.productName, this.maxWidth, productLines)) push(this.bold, line);
    for (const line of this.sans.wrap(label.producerName, this.maxWidth, producerLines)) push(this.sans, line);
    if (lotLines) push(this.sans, this.sans.wrap(lot, this.maxWidth, 1)[0] ?? '');
    return out;
  }

  private stacked(label: StampLabel): TextLine[] {
    const { g } = this;
    const out: TextLine[] = [];
    let baseline = g.text.top + g.fontSize * 0.85 + g.serialLines * g.lineHeight;
    const centred = (font: GlyphEncoder, text: string) => {
      if (!text) return;
      const line = font.line(text);
      out.push({ font, hex: line.hex, x: g.text.x + (g.text.width - (line.width * g.fontSize) / 1000) / 2, baseline });
      baseline += g.lineHeight;
    };
    centred(this.bold, this.bold.wrap(label.productName, this.maxWidth, 1)[0] ?? '');
    centred(this.sans, this.sans.wrap(label.producerName, this.maxWidth, 1)[0] ?? '');
    const lot = this.lot(label);
    if (lot && baseline <= g.text.bottom) centred(this.sans, this.sans.wrap(lot, this.maxWidth, 1)[0] ?? '');
    return out;
  }

  serial(label: StampLabel, mono: GlyphEncoder): TextLine[] {
    const { g } = this;
    const lines = serialLines(label.serial, g.serialCharsPerLine);
    if (g.mode === 'side') {
      // Bottom of the column, last line on the bottom edge (less the descent).
      const last = g.text.bottom - g.fontSize * 0.24;
      return lines.map((text, i) => ({ font: mono, hex: mono.line(text).hex, x: g.text.x, baseline: last - (lines.length - 1 - i) * g.lineHeight }));
    }
    return lines.map((text, i) => {
      const line = mono.line(text);
      const x = g.text.x + (g.text.width - (line.width * g.fontSize) / 1000) / 2;
      return { font: mono, hex: line.hex, x, baseline: g.text.top + g.fontSize * 0.85 + i * g.lineHeight };
    });
  }
}

function checkLabel(label: StampLabel, index: number): void {
  const bad = (what: string) => new TypeError(`label ${index}: ${what}`);
  if (!label || typeof label !== 'object') throw bad('not a label');
  if (typeof label.serial !== 'string' || label.serial.length === 0 || label.serial.length > 40) throw bad('serial must be 1–40 characters');
  if (typeof label.url !== 'string' || label.url.length === 0 || label.url.length > MAX_URL_LENGTH) {
    throw bad(`url must be 1–${MAX_URL_LENGTH} characters`);
  }
  if (typeof label.productName !== 'string' || typeof label.producerName !== 'string') throw bad('productName and producerName are required');
  if (label.lotCode !== undefined && label.lotCode !== null && typeof label.lotCode !== 'string') throw bad('lotCode must be a string');
}

/** Grey ticks in the sheet margin, in line with every column and row boundary. */
function cutMarks(opts: LabelSheetOptions): string {
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

/**
 * Writes the labels as an A4 PDF label sheet to `out`, page by page, and ends `out`.
 *
 * Each label: a vector QR code of its URL (error correction M, one filled path of merged module runs), the serial
 * in groups of four, the product and producer names (DejaVu Sans, embedded as a subset: Vietnamese is exact and
 * searchable) and the lot code when given. Content streams are deflated; memory stays flat however many labels
 * (each page is written out when the next begins, and writing waits for `out` to drain).
 *
 * Rejects for more than {@link MAX_LABELS_PER_PDF} labels, a bad size, a bad label, a failing source or a failing
 * `out`; `out` is then destroyed (without an error event) and the caller removes the partial file. Resolves once
 * `out` has finished.
 */
export async function writeLabelPdf(
  labels: Iterable<StampLabel> | AsyncIterable<StampLabel>,
  out: NodeJS.WritableStream,
  opts: LabelSheetOptions,
): Promise<LabelPdfResult> {
  let outError: unknown = null;
  const onOutError = (err: unknown) => (outError ??= err);
  out.on('error', onOutError);
  let doc: PDFKit.PDFDocument | null = null;
  try {
    validateLabelSize(opts);
    if (Array.isArray(labels) && labels.length > MAX_LABELS_PER_PDF) {
      throw new RangeError(`at most ${MAX_LABELS_PER_PDF} labels a PDF (got ${labels.length})`);
    }
    doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      compress: true,
      // No default font: pdfkit's (Helvetica) would load an AFM file we never use.
      font: null as unknown as string,
      info: { Title: 'Tem truy xuất nguồn gốc / Traceability stamps', Creator: 'Nông Sàn Số', Producer: 'Nông Sàn Số (pdfkit)' },
    });
    const result = await writeDocument(doc, labels, out, opts, () => outError);
    out.end();
    await finished(out);
    return result;
  } catch (err) {
    doc?.removeAllListeners('readable');
    abandon(out);
    throw err;
  } finally {
    out.removeListener('error', onOutError);
  }
}

async function writeDocument(
  doc: PDFKit.PDFDocument,
  labels: Iterable<StampLabel> | AsyncIterable<StampLabel>,
  out: NodeJS.WritableStream,
  opts: LabelSheetOptions,
  outError: () => unknown,
): Promise<LabelPdfResult> {
  // The document is read page by page (paused mode) rather than through 'data' events: those are delivered on
  // process.nextTick, which never runs while a sync or promise-only source keeps the microtask queue busy, so
  // the whole file would pile up in pdfkit's buffer before the first byte reached `out`.
  let bytes = 0;
  let mustDrain = false;
  const pump = () => {
    for (let chunk: Buffer | null; (chunk = doc.read() as Buffer | null) !== null; ) {
      bytes += chunk.length;
      if (!out.write(chunk)) mustDrain = true;
    }
  };
  const checkOut = () => {
    const err = outError();
    if (err) throw err;
  };

  const layout = sheetLayout(opts);
  const origin = gridOrigin(opts);
  const sans = useFont(doc, 'sans');
  const bold = useFont(doc, 'bold');
  const mono = useFont(doc, 'mono');
  const g = geometry(opts, mono);
  const text = new LabelTextLayout(g, sans, bold);
  const guides = opts.cutGuides === false ? '' : cutMarks(opts);
  const fonts = [sans, bold, mono];
  const fontSizeOp = n(g.fontSize);
  let ops: string[] = [];
  const startPage = () => {
    const page = (doc as unknown as PdfkitInternals).page;
    for (const f of fonts) page.fonts[f.font.id] = f.font.ref();
    ops = guides ? [guides] : [];
  };

  let count = 0;
  let pages = 1;
  startPage();
  for await (const label of labels) {
    if (count >= MAX_LABELS_PER_PDF) throw new RangeError(`at most ${MAX_LABELS_PER_PDF} labels a PDF`);
    checkLabel(label, count);
    const slot = count % layout.perPage;
    if (slot === 0 && count > 0) {
      writePageContent(doc, ops);
      doc.addPage(); // writes the finished page out
      pages++;
      startPage();
      pump();
      if (mustDrain) {
        mustDrain = false;
        await drained(out, () => outError() !== null);
      }
      checkOut();
    }
    const col = slot % layout.columns;
    const row = Math.floor(slot / layout.columns);
    const x = (origin.leftMm + col * opts.labelWidthMm) * PT_PER_MM;
    const y = (origin.topMm + row * opts.labelHeightMm) * PT_PER_MM;
    ops.push(labelContent(label, x, y, g, text, mono, fontSizeOp));
    count++;
  }
  writePageContent(doc, ops);
  doc.end();
  await new Promise<void>((resolve, reject) => {
    doc.on('readable', pump);
    doc.once('end', resolve);
    doc.once('error', reject);
    pump();
  });
  checkOut();
  return { labels: count, pages, bytes };
}

function labelContent(label: StampLabel, x: number, y: number, g: LabelGeometry, text: LabelTextLayout, mono: GlyphEncoder, fontSizeOp: string): string {
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


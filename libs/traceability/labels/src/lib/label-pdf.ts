import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { labelContent, cutMarks, n } from './label-content';
import { labelGeometry } from './label-geometry';
import { LabelTextLayout } from './label-text';
import { addPageFonts, useFont, writePageContent } from './pdfkit-page';
import { LabelSheetOptions, MAX_LABELS_PER_PDF, PT_PER_MM, gridOrigin, sheetLayout, validateLabelSize } from './sheet-layout';
import { StampLabel, checkLabel } from './stamp-label';
import { abandon, drained } from './streams';

export interface LabelPdfResult {
  labels: number;
  pages: number;
  bytes: number;
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
  const g = labelGeometry(opts, mono);
  const text = new LabelTextLayout(g, sans, bold);
  const guides = opts.cutGuides === false ? '' : cutMarks(opts);
  const fonts = [sans, bold, mono];
  const fontSizeOp = n(g.fontSize);
  let ops: string[] = [];
  const startPage = () => {
    addPageFonts(doc, fonts);
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

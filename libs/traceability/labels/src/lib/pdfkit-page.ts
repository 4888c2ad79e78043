import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { GlyphEncoder, PdfkitFont } from './glyphs';

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
export type FontName = keyof typeof FONT_FILES;

const fontFiles = new Map<string, Buffer>();
function fontFile(name: FontName): Buffer {
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
export function writePageContent(doc: PDFKit.PDFDocument, ops: string[]): void {
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

/** Embeds one of the label fonts (DejaVu, as a subset) into the document and returns its glyph encoder. */
export function useFont(doc: PDFKit.PDFDocument, file: FontName): GlyphEncoder {
  doc.font(fontFile(file));
  return new GlyphEncoder((doc as unknown as PdfkitInternals)._font);
}

/** Lists the fonts in the current page's resources (the content streams name them by id). */
export function addPageFonts(doc: PDFKit.PDFDocument, fonts: GlyphEncoder[]): void {
  const page = (doc as unknown as PdfkitInternals).page;
  for (const f of fonts) page.fonts[f.font.id] = f.font.ref();
}

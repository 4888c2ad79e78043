import { readFileSync } from 'node:fs';

/**
 * The API and the worker are bundled by webpack, which would turn a plain `require.resolve` into a module id: its
 * escape hatch is Node's own require (under jest and ts-node the ordinary one), which finds the font files in
 * node_modules at run time (as `@nss/trace-labels` does).
 */
declare const __non_webpack_require__: NodeJS.Require | undefined;
const nodeRequire: NodeJS.Require = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;

/** DejaVu: every Vietnamese letter (NFC) is one glyph; pdfkit embeds subsets with a ToUnicode map. */
const FONT_FILES = {
  sans: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
  narrow: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf',
  narrowBold: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf',
} as const;
export type ReportFont = keyof typeof FONT_FILES;

const loaded = new Map<ReportFont, Buffer>();

export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  for (const name of Object.keys(FONT_FILES) as ReportFont[]) {
    let data = loaded.get(name);
    if (!data) {
      data = readFileSync(nodeRequire.resolve(FONT_FILES[name]));
      loaded.set(name, data);
    }
    doc.registerFont(name, data);
  }
}

import type { LocalText } from './report-data';

export interface PdfColumn {
  header: LocalText;
  width: number;
  align?: 'left' | 'right';
}

const PAD = 3;
const SIZE = 8;
const GRID = '#b0bec5';

/** The lowest y content may reach on the current page. */
export function pageBottom(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

function rowHeight(doc: PDFKit.PDFDocument, columns: PdfColumn[], cells: string[]): number {
  return Math.max(...columns.map((c, i) => doc.heightOfString(cells[i] ?? '', { width: c.width - 2 * PAD }))) + 2 * PAD;
}

function drawCells(doc: PDFKit.PDFDocument, columns: PdfColumn[], cells: string[], y: number, height: number): void {
  let x = doc.page.margins.left;
  columns.forEach((c, i) => {
    doc.text(cells[i] ?? '', x + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align ?? 'left', lineBreak: true });
    x += c.width;
  });
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  doc.save().moveTo(doc.page.margins.left, y + height).lineTo(doc.page.margins.left + width, y + height).lineWidth(0.5).strokeColor(GRID).stroke().restore();
}

function drawHeader(doc: PDFKit.PDFDocument, columns: PdfColumn[], y: number): number {
  const cells = columns.map((c) => `${c.header.vi}\n${c.header.en}`);
  doc.font('narrowBold').fontSize(SIZE);
  const height = rowHeight(doc, columns, cells);
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  doc.save().rect(doc.page.margins.left, y, width, height).fill('#e8eef4').restore();
  doc.fillColor('black');
  drawCells(doc, columns, cells, y, height);
  return y + height;
}

/**
 * A table from the current position, continued on new pages with its header repeated; the last `boldRows` rows
 * (totals) in bold. Leaves the position under the table.
 */
export function drawTable(doc: PDFKit.PDFDocument, columns: PdfColumn[], rows: string[][], boldRows = 0): void {
  let y = drawHeader(doc, columns, doc.y);
  rows.forEach((cells, r) => {
    doc.font(r >= rows.length - boldRows ? 'narrowBold' : 'narrow').fontSize(SIZE);
    const height = rowHeight(doc, columns, cells);
    if (y + height > pageBottom(doc)) {
      doc.addPage();
      y = drawHeader(doc, columns, doc.page.margins.top);
      doc.font(r >= rows.length - boldRows ? 'narrowBold' : 'narrow').fontSize(SIZE);
    }
    drawCells(doc, columns, cells, y, height);
    y += height;
  });
  doc.x = doc.page.margins.left;
  doc.y = y + 10;
}

import type { Worksheet } from 'exceljs';
import type { LocalText } from './report-data';

/** Excel number formats; Excel shows them with the reader's separators (1.354 in a Vietnamese Excel). */
export const NUM_FMT = {
  count: '#,##0',
  tonnes: '#,##0.0',
  percent: '0.0%',
  change: '+0.0%;-0.0%;0.0%',
  days: '0.0',
  date: 'dd/mm/yyyy',
} as const;

export interface SheetColumn {
  header: LocalText;
  width: number;
  numFmt?: string;
}

export type SheetCell = string | number | Date | null;

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } } as const;

/**
 * Writes a table from `firstRow`: a Vietnamese header row, an English one under it (italic), then the rows with the
 * columns' number formats; `totalRows` (the last rows) are bold. Returns the row after the table.
 */
export function writeTable(ws: Worksheet, firstRow: number, columns: SheetColumn[], rows: SheetCell[][], totalRows = 0): number {
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.max(column.width ?? 0, c.width);
  });
  const vi = ws.getRow(firstRow);
  const en = ws.getRow(firstRow + 1);
  columns.forEach((c, i) => {
    for (const [row, text, italic] of [[vi, c.header.vi, false], [en, c.header.en, true]] as const) {
      const cell = row.getCell(i + 1);
      cell.value = text;
      cell.font = { bold: !italic, italic };
      cell.fill = HEADER_FILL;
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: i === 0 ? 'left' : 'center' };
    }
    en.getCell(i + 1).border = { bottom: { style: 'thin' } };
  });
  rows.forEach((values, r) => {
    const row = ws.getRow(firstRow + 2 + r);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value;
      const numFmt = columns[i]?.numFmt;
      if (numFmt && value !== null && typeof value !== 'string') cell.numFmt = numFmt;
    });
    if (r >= rows.length - totalRows) row.font = { bold: true };
  });
  return firstRow + 2 + rows.length;
}

/** Keeps a sheet's header rows (and first columns) in view while scrolling. */
export function freezeHeader(ws: Worksheet, ySplit: number, xSplit = 0): void {
  ws.views = [{ state: 'frozen', ySplit, xSplit }];
}

/** A vnDay (`YYYY-MM-DD`) as the Excel date of that calendar day. */
export function excelDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

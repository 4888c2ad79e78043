import { stringify } from 'csv-stringify/sync';
import type { SellerStatement } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { LEDGER_KIND_LABELS } from './ledger-entry-view';

/** Byte order mark: Excel opens a UTF-8 CSV with Vietnamese text correctly only when the file starts with it. */
export const UTF8_BOM = '\ufeff';

export const STATEMENT_CSV_HEADERS = [
  'Thời điểm (giờ Việt Nam)',
  'Loại',
  'Mã đơn hàng',
  'Diễn giải',
  'Ghi chú',
  'Số tiền (đồng)',
  'Số dư sau (đồng)',
] as const;

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe:
 * bank references and notes are typed by people.
 */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The statement as a CSV file for spreadsheets: UTF-8 with a BOM, comma-separated, CRLF line ends, a header row in
 * Vietnamese, the opening balance, one row per entry with the running balance, the closing balance. Amounts are
 * plain integers of đồng (no grouping), so that they stay numbers in Excel and LibreOffice.
 */
export function statementCsv(statement: SellerStatement): string {
  const rows: Array<Array<string | number>> = [
    [formatVnDateTime(new Date(statement.from)), 'Số dư đầu kỳ', '', `Sao kê tháng ${statement.month} — ${safeCell(statement.sellerName)}`, '', '', statement.openingBalanceVnd],
    ...statement.entries.map((e) => [
      formatVnDateTime(new Date(e.at)),
      LEDGER_KIND_LABELS[e.kind][0],
      e.orderCode ?? '',
      safeCell(e.description),
      safeCell(e.note ?? ''),
      e.amountVnd,
      e.balanceAfterVnd,
    ]),
    [formatVnDateTime(new Date(statement.to)), 'Số dư cuối kỳ', '', '', '', '', statement.closingBalanceVnd],
  ];
  return UTF8_BOM + stringify(rows, { header: true, columns: [...STATEMENT_CSV_HEADERS], record_delimiter: '\r\n' });
}

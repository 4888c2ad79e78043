import type { SellerStatement } from '@nss/contracts';
import { safeCell, STATEMENT_CSV_HEADERS, statementCsv, UTF8_BOM } from './statement-csv';

const statement: SellerStatement = {
  sellerId: 'a'.repeat(24),
  sellerName: 'HTX Chè Tân Cương',
  provinceCode: '19',
  month: '2026-11',
  from: '2026-10-31T17:00:00.000Z',
  to: '2026-11-30T17:00:00.000Z',
  openingBalanceVnd: 1_000,
  closingBalanceVnd: 197_000,
  totals: { sale: 215_000, commission: -9_000, refund: 0, refund_commission: 0, payout: -10_000 },
  entries: [
    entry('sale', 215_000, 216_000, { orderCode: 'DH7K3M9P2QXA', description: 'Bán hàng, đơn DH7K3M9P2QXA' }),
    entry('commission', -9_000, 207_000, { orderCode: 'DH7K3M9P2QXA', description: 'Phí nền tảng 5%, đơn DH7K3M9P2QXA' }),
    entry('payout', -10_000, 197_000, { description: 'Chi trả cho người bán, mã giao dịch =HYPERLINK("x")', note: '+ghi chú, có "ngoặc"' }),
  ],
};

function entry(kind: SellerStatement['entries'][number]['kind'], amountVnd: number, balanceAfterVnd: number, extra: Partial<SellerStatement['entries'][number]>) {
  return {
    id: 'b'.repeat(24),
    kind,
    amountVnd,
    balanceAfterVnd,
    at: '2026-11-01T01:30:00.000Z',
    monthVn: '2026-11',
    orderId: null,
    orderCode: null,
    refundId: null,
    payoutId: null,
    bankReference: null,
    note: null,
    commissionBps: null,
    description: '',
    descriptionEn: '',
    ...extra,
  };
}

describe('statement CSV', () => {
  it('starts with a UTF-8 BOM and Vietnamese headers, one row per entry with the running balance', () => {
    const csv = statementCsv(statement);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(STATEMENT_CSV_HEADERS.join(','));
    expect(lines[1]).toBe('01/11/2026 00:00,Số dư đầu kỳ,,Sao kê tháng 2026-11 — HTX Chè Tân Cương,,,1000');
    // Vietnam time: 01:30 UTC is 08:30 in Hà Nội. Amounts are plain integers.
    expect(lines[2]).toBe('01/11/2026 08:30,Bán hàng,DH7K3M9P2QXA,"Bán hàng, đơn DH7K3M9P2QXA",,215000,216000');
    // Quotes doubled, commas quoted, formulas defused.
    expect(lines[4]).toBe(`01/11/2026 08:30,Chi trả cho người bán,,"Chi trả cho người bán, mã giao dịch =HYPERLINK(""x"")","'+ghi chú, có ""ngoặc""",-10000,197000`);
    expect(lines[5]).toBe('01/12/2026 00:00,Số dư cuối kỳ,,,,,197000');
    expect(lines[6]).toBe('');
    expect(csv).toContain('\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('-5')).toBe("'-5");
    expect(safeCell('Chè')).toBe('Chè');
  });
});

import { reportCsv } from './report-csv';
import { parseCsv, provinceReport } from './testing/report-fixture';

const BOM = [0xef, 0xbb, 0xbf];

function read(buffer: Buffer): string[][] {
  expect([...buffer.subarray(0, 3)]).toEqual(BOM);
  return parseCsv(buffer.subarray(3).toString('utf8'));
}

describe('reportCsv', () => {
  const report = provinceReport();

  it('writes the commune table: UTF-8 with a BOM, bilingual headers, whole numbers (weight in kg)', () => {
    const buffer = reportCsv(report, 'communes');
    expect(buffer.subarray(3).toString('utf8').startsWith('Mã xã (Code),"Xã, phường (Commune)",Hộ được tập huấn (Households trained),')).toBe(true);
    const [header, ...rows] = read(buffer);
    expect(header?.slice(0, 3)).toEqual(['Mã xã (Code)', 'Xã, phường (Commune)', 'Hộ được tập huấn (Households trained)']);
    expect(header).toContain('Sản lượng bán, kg (Produce sold, kg)');
    expect(header).toContain('Doanh thu, đồng (Revenue, VND)');
    expect(rows).toHaveLength(report.communes.length);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const first = rows[0] ?? [];
    expect(first[0]).toBe('01843');
    expect(first[1]).toBe('Phường Bắc Kạn');
    expect(first[col('Sản lượng bán, kg (Produce sold, kg)')]).toBe('250');
    expect(first[col('Doanh thu, đồng (Revenue, VND)')]).toBe('1500000');
    expect(rows.at(-1)?.slice(0, 2)).toEqual(['old:05443', 'Xã cũ Tân Cương (đã chia tách, không phân bổ)']);
    expect(rows.every((r) => r.length === header?.length)).toBe(true);
  });

  it('writes the series: one row per bucket, one column per figure', () => {
    const [header, ...rows] = read(reportCsv(report, 'series'));
    expect(header).toEqual(['Kỳ (Period)', 'Từ ngày (From)', 'Đến ngày (To)', 'Đơn hàng bán được (Orders sold)', 'Sản lượng bán, kg (Produce sold, kg)']);
    expect(rows).toHaveLength(30);
    expect(rows[0]).toEqual(['2026-11-01', '2026-11-01', '2026-11-01', '80', '1250']);
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    const communes = [{ key: '01843', name: { vi: '=HYPERLINK("http://x","Xã")', en: 'x' }, former: false, values: {} }];
    const [, row] = read(reportCsv(provinceReport({ communes }), 'communes'));
    expect(row?.[1]).toBe(`'=HYPERLINK("http://x","Xã")`);
  });
});

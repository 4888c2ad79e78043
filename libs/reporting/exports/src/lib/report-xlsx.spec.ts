import { Workbook } from 'exceljs';
import { summaryParagraph } from '@nss/report-figures';
import { XLSX_SHEETS, reportXlsx } from './report-xlsx';
import { NOVEMBER, provinceReport } from './testing/report-fixture';

async function readBack(buffer: Buffer): Promise<Workbook> {
  const wb = new Workbook();
  // exceljs types its input as the older Buffer<ArrayBuffer>; any Node buffer loads.
  await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

describe('reportXlsx', () => {
  let wb: Workbook;
  const report = provinceReport();

  beforeAll(async () => {
    wb = await readBack(await reportXlsx(report));
  });

  it('has the four sheets, Vietnamese names first', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Tổng hợp (Summary)', 'Xã phường (Communes)', 'Theo thời gian (Series)', 'Phễu (Funnel)']);
  });

  it('opens the summary with the title, the time in Vietnam time and the paragraph, then each figure with the previous period and the change', () => {
    const ws = wb.getWorksheet(XLSX_SHEETS.summary);
    if (!ws) throw new Error('no summary sheet');
    expect(ws.getCell('A1').value).toBe('Tỉnh Thái Nguyên – tháng 11/2026');
    expect(ws.getCell('A3').value).toBe('Lập lúc 01/12/2026 06:30 (giờ Việt Nam) · Generated 01/12/2026 06:30 (Vietnam time, UTC+7)');
    const paragraph = summaryParagraph({ period: report.period, values: NOVEMBER, locale: 'vi' });
    expect(ws.getCell('A5').value).toBe(paragraph);
    expect(paragraph).toMatch(/^Trong tháng 11\/2026, toàn tỉnh đã tập huấn cho 1\.354 hộ/);
    expect(ws.getRow(8).values).toEqual([undefined, 'Chỉ tiêu', 'Đơn vị', 'Kỳ này (tháng 11/2026)', 'Kỳ trước (tháng 10/2026)', 'Thay đổi']);
    expect(ws.getCell('A9').value).toBe('Figure');
    const rows = new Map<unknown, unknown[]>();
    ws.eachRow((row, n) => n > 9 && rows.set(row.getCell(1).value, (row.values as unknown[]).slice(2)));
    expect(rows.get('Hộ được tập huấn (Households trained)')).toEqual(['hộ', 1354, 1200, (1354 - 1200) / 1200]);
    // Weight in tonnes, with one decimal shown; a figure without a previous value has no change.
    expect(rows.get('Sản lượng bán (Produce sold)')).toEqual(['tấn', 37.512, 30, (37.512 - 30) / 30]);
    expect(ws.getCell(`E${10 + report.figures.findIndex((f) => f.name === 'weight_grams')}`).numFmt).toBe('+0.0%;-0.0%;0.0%');
    expect(rows.get('Tem phát hành (Stamps issued)')?.slice(0, 3)).toEqual(['tem', 180000, 0]);
    expect(rows.get('Tem phát hành (Stamps issued)')?.[3] ?? null).toBeNull();
  });

  it('lists every commune with its figures under two frozen header rows, the province total last', () => {
    const ws = wb.getWorksheet(XLSX_SHEETS.communes);
    if (!ws) throw new Error('no communes sheet');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 2 });
    const header = ws.getRow(1).values as unknown[];
    expect(header.slice(1, 4)).toEqual(['Mã xã', 'Xã, phường', 'Hộ được tập huấn']);
    expect(ws.getCell('C2').value).toBe('Households trained');
    const col = (name: string) => header.indexOf(name);
    expect(ws.getCell(3, 2).value).toBe('Phường Bắc Kạn');
    expect(ws.getCell(3, col('Hộ được tập huấn')).value).toBe(10);
    expect(ws.getCell(3, col('Sản lượng bán (tấn)')).value).toBe(0.25);
    expect(ws.getCell(3, col('Sản lượng bán (tấn)')).numFmt).toBe('#,##0.0');
    expect(ws.getCell(3, col('Doanh thu (đồng)')).numFmt).toBe('#,##0');
    const former = ws.getRow(2 + report.communes.length);
    expect(former.getCell(1).value).toBe('old:05443');
    expect(former.getCell(2).value).toBe('Xã cũ Tân Cương (đã chia tách, không phân bổ)');
    const total = ws.getRow(3 + report.communes.length);
    expect(total.getCell(2).value).toBe('Toàn tỉnh (Province total)');
    // The province's own figure, not the sum of the communes' (unique figures cannot be summed).
    expect(total.getCell(col('Hộ được tập huấn')).value).toBe(1354);
    expect(total.font?.bold).toBe(true);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(30);
  });

  it('writes the series as dates and one column per figure', () => {
    const ws = wb.getWorksheet(XLSX_SHEETS.series);
    if (!ws) throw new Error('no series sheet');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Kỳ', 'Từ ngày', 'Đến ngày', 'Đơn hàng bán được', 'Sản lượng bán (tấn)']);
    expect(ws.getCell('A3').value).toBe('2026-11-01');
    expect(ws.getCell('B3').value).toEqual(new Date('2026-11-01T00:00:00Z'));
    expect(ws.getCell('B3').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('D3').value).toBe(80);
    expect(ws.getCell('E32').value).toBeCloseTo(1.2504);
    expect(ws.rowCount).toBe(32);
  });

  it('writes the funnel per commune with conversion rates and the median days, the province last', () => {
    const ws = wb.getWorksheet(XLSX_SHEETS.funnel);
    if (!ws) throw new Error('no funnel sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1, 7)).toEqual(['Xã, phường', 'Đã tập huấn', 'Có tài khoản', 'Đã xác minh', 'Có sản phẩm lên sàn', 'Có đơn bán đầu tiên']);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['Phường Bắc Kạn', 100, 50, 40, 30, 20, 0.5, 0.8, 0.75, 2 / 3, 12]);
    expect(ws.getCell('G3').numFmt).toBe('0.0%');
    expect(ws.getCell('A4').value).toBe('Toàn tỉnh (Province total)');
    expect(ws.getCell('F4').value).toBe(212);
  });

  it('still makes every sheet when there is no funnel and no series', async () => {
    const empty = await readBack(await reportXlsx(provinceReport({ funnel: undefined, series: [] })));
    expect(empty.worksheets).toHaveLength(4);
    expect(empty.getWorksheet(XLSX_SHEETS.funnel)?.getCell('A3').value).toBe('Không có số liệu phễu (no funnel data)');
    expect(empty.getWorksheet(XLSX_SHEETS.series)?.rowCount).toBe(2);
  });
});

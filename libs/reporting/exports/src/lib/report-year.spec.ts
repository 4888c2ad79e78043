import { Workbook } from 'exceljs';
import { addDays } from '@nss/report-figures';
import { XLSX_SHEETS, reportXlsx } from './report-xlsx';
import { reportPdf } from './report-pdf';
import { communeRows, provinceReport } from './testing/report-fixture';

/** A full year of a large province (150 communes, a daily series): the size the monthly and yearly exports reach. */
function yearReport() {
  const points = Array.from({ length: 365 }, (_, i) => {
    const day = addDays('2026-01-01', i);
    return { key: day, from: day, to: day, value: (i * 7919) % 400 };
  });
  return provinceReport({
    period: { kind: 'year', key: '2026', from: '2026-01-01', to: '2026-12-31' },
    previousPeriod: { kind: 'year', key: '2025', from: '2025-01-01', to: '2025-12-31' },
    communes: communeRows(150),
    series: [{ figure: 'orders_sold', granularity: 'day', points }],
  });
}

describe('a full-year export of a large province', () => {
  // The 10 s budget of issue 8 §9 belongs to `npm run bench:reports`, not here (timings on a shared CI machine
  // flake); on this machine, busy with CI: XLSX 0.8 s, PDF 2.4 s.
  it('makes the XLSX and the PDF with every row present', async () => {
    const report = yearReport();
    const xlsx = await reportXlsx(report);
    const pdf = await reportPdf(report);
    const wb = new Workbook();
    await wb.xlsx.load(xlsx as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.getWorksheet(XLSX_SHEETS.communes)?.rowCount).toBe(2 + 151 + 1);
    expect(wb.getWorksheet(XLSX_SHEETS.series)?.rowCount).toBe(2 + 365);
    expect(wb.getWorksheet(XLSX_SHEETS.summary)?.getCell('A1').value).toBe('Tỉnh Thái Nguyên – năm 2026');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summaryParagraph } from '@nss/report-figures';
import { reportPdf } from './report-pdf';
import { NAMED_COMMUNES, NOVEMBER, communeRows, provinceReport } from './testing/report-fixture';

const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a poppler tool on the PDF written to a file (they read files, not stdin). */
function poppler(tool: 'pdftotext' | 'pdfinfo', pdf: Buffer, args: string[] = []): string {
  const file = join(dir, `${tool}-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const res = spawnSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${tool} failed: ${res.stderr}`);
  return res.stdout.normalize('NFC');
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('reportPdf', () => {
  const report = provinceReport();
  let pdf: Buffer;
  let text: string;
  /** The text laid out as on the page: a table row is one line. */
  let layout: string;

  beforeAll(async () => {
    pdf = await reportPdf(report);
    text = poppler('pdftotext', pdf, ['-enc', 'UTF-8']);
    layout = poppler('pdftotext', pdf, ['-enc', 'UTF-8', '-layout']);
  });

  it('is an A4 PDF of several pages (the commune table continues on the next page)', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = poppler('pdfinfo', pdf);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(3);
  });

  it('opens with the Vietnamese summary paragraph, diacritics intact, then the English one', () => {
    const paragraph = summaryParagraph({ period: report.period, values: NOVEMBER, locale: 'vi' });
    expect(paragraph).toMatch(/^Trong tháng 11\/2026, toàn tỉnh đã tập huấn cho 1\.354 hộ, tạo tài khoản người bán cho 653 hộ/);
    expect(flat(text).startsWith(paragraph)).toBe(true);
    expect(flat(text)).toContain(summaryParagraph({ period: report.period, values: NOVEMBER, locale: 'en' }));
  });

  it('has the figure table with the previous period and the change, numbers the Vietnamese way', () => {
    const t = flat(text);
    expect(t).toContain('Kỳ trước (tháng 10/2026)');
    expect(t).toMatch(/Hộ được tập huấn Households trained hộ 1\.354 1\.200 \+12,8%/);
    expect(t).toMatch(/Sản lượng bán Produce sold tấn 37,5 30,0 \+25%/);
    expect(t).toMatch(/Doanh thu Revenue đồng 1\.234\.567\.890 1\.000\.000\.000 \+23,5%/);
  });

  it('lists every commune by its Vietnamese name, the former split commune and the province total', () => {
    const t = flat(text);
    for (const name of NAMED_COMMUNES) expect(t).toContain(name);
    expect(t).toContain('Xã Đồng Hỷ 69');
    expect(t).toContain('Xã cũ Tân Cương (đã chia tách, không phân bổ)');
    expect(layout).toMatch(/^\s*Toàn tỉnh\s+1\.354\s+653\s+1\.029\s+2\.993\s+37,5\s+1\.234\.567\.890\s+180\.000\s*$/m);
    expect(layout).toMatch(/^\s*Phường Bắc Kạn\s+10\s+0\s+0\s+20\s+0,3\s+1\.500\.000\s+0\s*$/m);
    // The header is repeated on the page the table continues on.
    expect(t.match(/Xã, phường Commune/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('draws the series chart with its caption and axis labels', () => {
    const t = flat(text);
    expect(t).toContain('Đơn hàng bán được (Orders sold) – đơn (orders)');
    expect(t).toContain('01/11');
    expect(t).toMatch(/\b200\b/); // the top of the axis: values up to 129 → 200
  });

  it('ends every page with the footer: province, period, time made in Vietnam time and the page number', () => {
    const pages = text.split('\f').filter((p) => p.trim());
    pages.forEach((page, i) => {
      expect(flat(page)).toContain(`Tỉnh Thái Nguyên – tháng 11/2026 · Lập lúc 01/12/2026 06:30 (giờ Việt Nam) · Trang ${i + 1}/${pages.length}`);
      expect(flat(page)).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('embeds DejaVu as a subset (so every Vietnamese letter has its glyph)', () => {
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
  });

  it('speaks of the commune (or the country) instead of "toàn tỉnh" when the report names a place', async () => {
    const place = { vi: 'Phường Bắc Kạn', en: 'Bac Kan Ward' };
    const text = flat(poppler('pdftotext', await reportPdf(provinceReport({ place, communes: communeRows(1), series: [] })), ['-enc', 'UTF-8']));
    expect(text.startsWith('Trong tháng 11/2026, Phường Bắc Kạn đã tập huấn cho 1.354 hộ')).toBe(true);
    expect(text).toContain('In November 2026, Bac Kan Ward trained 1,354 households');
  });

  it('makes a short report, without a chart, for a province with few communes and no series', async () => {
    const small = await reportPdf(provinceReport({ communes: communeRows(3), series: [] }));
    const info = poppler('pdfinfo', small);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(2);
    expect(flat(poppler('pdftotext', small, ['-enc', 'UTF-8']))).not.toContain('Diễn biến theo thời gian');
  });
});

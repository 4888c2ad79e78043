import { seriesGranularity } from './report-export-builder';
import { contentDisposition, exportDto, exportFileName } from './report-export-files';
import type { ReportExport } from './report-export.schema';

describe('export files', () => {
  it('names the file in Vietnamese and gives an ASCII fallback plus the UTF-8 name (RFC 8187) for the download', () => {
    const name = exportFileName('19', { kind: 'month', key: '2026-11', from: '2026-11-01', to: '2026-11-30' }, 'pdf');
    expect(name).toBe('Báo cáo Tỉnh Thái Nguyên 2026-11.pdf');
    expect(contentDisposition(name)).toBe(
      "attachment; filename=\"Bao cao Tinh Thai Nguyen 2026-11.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20T%E1%BB%89nh%20Th%C3%A1i%20Nguy%C3%AAn%202026-11.pdf",
    );
    expect(exportFileName(null, { kind: 'range', key: 'x', from: '2026-01-01', to: '2026-03-31' }, 'xlsx')).toBe('Báo cáo Cả nước 2026-01-01_2026-03-31.xlsx');
    // Quotes, slashes and other characters a file system or a header would trip on never reach the name.
    expect(contentDisposition('a"b\\c.csv')).toMatch(/^attachment; filename="abc\.csv"; filename\*=UTF-8''a%22b%5Cc\.csv$/);
  });

  it('reports progress as a whole percent, 100 only when done, and the file name only then', () => {
    const doc = {
      _id: 'x',
      kind: 'request',
      format: 'csv',
      status: 'running',
      provinceCode: '19',
      communeKey: null,
      period: { kind: 'month', key: '2026-11', from: '2026-11-01', to: '2026-11-30' },
      requestedByUserId: 'u',
      progress: { done: 2, total: 3 },
      storageKey: 'reports/k/bao-cao.csv',
      fileName: 'Báo cáo.csv',
      sizeBytes: null,
      error: null,
      createdAt: new Date('2026-12-01T00:00:00Z'),
      startedAt: null,
      finishedAt: null,
      lockFence: 1,
    } satisfies ReportExport;
    expect(exportDto(doc)).toMatchObject({ status: 'running', progress: { done: 2, total: 3, percent: 66 } });
    expect(exportDto(doc)).not.toHaveProperty('fileName');
    expect(exportDto({ ...doc, status: 'done', progress: { done: 3, total: 3 }, sizeBytes: 10 })).toMatchObject({ progress: { percent: 100 }, fileName: 'Báo cáo.csv', sizeBytes: 10 });
    expect(exportDto({ ...doc, status: 'queued', progress: { done: 0, total: 0 } }).progress.percent).toBe(0);
  });

  it('charts days up to two months, weeks up to about half a year, months beyond', () => {
    expect(seriesGranularity({ from: '2026-11-01', to: '2026-11-30' })).toBe('day');
    expect(seriesGranularity({ from: '2026-07-01', to: '2026-09-30' })).toBe('week');
    expect(seriesGranularity({ from: '2026-01-01', to: '2026-12-31' })).toBe('month');
  });
});

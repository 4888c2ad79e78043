import { FIGURE_NAMES, zeroFigures, type FigureValues } from '@nss/report-figures';
import type { ProvinceReport, ReportCommuneRow } from '../report-data';

/** A province report as the services would answer it: Thái Nguyên, November 2026, the figures of the example. */
export const NOVEMBER: FigureValues = {
  ...zeroFigures(),
  households_trained: 1354,
  accounts_created: 653,
  accounts_created_agent: 412,
  accounts_created_self: 241,
  sellers_verified: 598,
  products_listed: 1029,
  ocop_listed: 87,
  orders_sold: 2993,
  orders_created: 3104,
  revenue_vnd: 1_234_567_890,
  weight_grams: 37_512_000,
  stamps_issued: 180_000,
  stamps_scanned: 45_210,
};

const PREVIOUS: Partial<FigureValues> = { households_trained: 1200, orders_sold: 2500, weight_grams: 30_000_000, revenue_vnd: 1_000_000_000 };

/** Named communes with diacritics first, then enough numbered ones that the PDF's commune table needs two pages. */
export const NAMED_COMMUNES = ['Phường Bắc Kạn', 'Xã Định Hóa', 'Xã Phú Lương', 'Phường Phổ Yên'];

export function communeRows(count = 70): ReportCommuneRow[] {
  const rows: ReportCommuneRow[] = Array.from({ length: count }, (_, i) => ({
    key: String(1843 + i).padStart(5, '0'),
    name: i < NAMED_COMMUNES.length ? { vi: NAMED_COMMUNES[i] as string, en: NAMED_COMMUNES[i] as string } : { vi: `Xã Đồng Hỷ ${i}`, en: `Dong Hy ${i}` },
    former: false,
    values: { households_trained: 10 + i, orders_sold: 20 + i, weight_grams: 250_000 * (i + 1), revenue_vnd: 1_500_000 * (i + 1) },
  }));
  rows.push({ key: 'old:05443', name: { vi: 'Xã cũ Tân Cương (đã chia tách, không phân bổ)', en: 'Former commune Tan Cuong (split, not allocated)' }, former: true, values: { orders_sold: 3 } });
  return rows;
}

export function provinceReport(overrides: Partial<ProvinceReport> = {}): ProvinceReport {
  return {
    province: { code: '19', name: { vi: 'Tỉnh Thái Nguyên', en: 'Thai Nguyen Province' } },
    period: { kind: 'month', key: '2026-11', from: '2026-11-01', to: '2026-11-30' },
    previousPeriod: { kind: 'month', key: '2026-10', from: '2026-10-01', to: '2026-10-31' },
    figures: FIGURE_NAMES.map((name) => ({ name, value: NOVEMBER[name], previous: PREVIOUS[name] ?? 0 })),
    communes: communeRows(),
    series: [
      {
        figure: 'orders_sold',
        granularity: 'day',
        points: Array.from({ length: 30 }, (_, i) => {
          const day = `2026-11-${String(i + 1).padStart(2, '0')}`;
          return { key: day, from: day, to: day, value: 80 + ((i * 37) % 50) };
        }),
      },
      {
        figure: 'weight_grams',
        granularity: 'day',
        points: Array.from({ length: 30 }, (_, i) => {
          const day = `2026-11-${String(i + 1).padStart(2, '0')}`;
          return { key: day, from: day, to: day, value: 1_250_400 };
        }),
      },
    ],
    funnel: {
      by: 'commune',
      counts: { trained: 1354, account: 653, verified: 598, firstListing: 401, firstSale: 212 },
      conversion: { trained: 1, account: 653 / 1354, verified: 598 / 653, firstListing: 401 / 598, firstSale: 212 / 401 },
      medianDaysToFirstSale: 17.5,
      rows: [
        {
          key: '01843',
          name: { vi: 'Phường Bắc Kạn', en: 'Phường Bắc Kạn' },
          counts: { trained: 100, account: 50, verified: 40, firstListing: 30, firstSale: 20 },
          conversion: { trained: 1, account: 0.5, verified: 0.8, firstListing: 0.75, firstSale: 2 / 3 },
          medianDaysToFirstSale: 12,
        },
      ],
    },
    // 23:30 UTC on 30 November is 06:30 on 1 December in Vietnam.
    generatedAt: new Date('2026-11-30T23:30:00Z'),
    ...overrides,
  };
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF) of a CSV text without its BOM: enough to read our files back. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const next = text[i + 1];
    i++;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (next === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && next === '\n') {
      i++;
      records.push([...record, field]);
      record = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

import { createHash } from 'node:crypto';
import { FIGURE_LABELS, FIGURE_NAMES, isFormerCommuneKey, type FigureName } from '@nss/report-figures';
import { communeValue, csvUnit, csvValue } from './figure-columns';
import { toCsv } from './report-csv';
import type { LocalText, ReportCommuneRow } from './report-data';
import { PROVINCE_TOTAL } from './report-text';

/**
 * Open data (issue 8 §7): per province and month, the figures of each commune and of the province, aggregates only.
 * The columns are a fixed list (the data dictionary): nothing else a row might carry — names, phones, ids of
 * people — can reach a file.
 */
export const OPEN_DATA_LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution: 'Nông Sàn Số',
  notice: {
    vi: 'Được sao chép, chia sẻ, chỉnh sửa và dùng cho mọi mục đích, kể cả thương mại, với điều kiện ghi nguồn "Nông Sàn Số".',
    en: 'You may copy, share, adapt and use it for any purpose, including commercially, provided you credit "Nông Sàn Số".',
  },
} as const;

export interface OpenDataColumn {
  name: string;
  type: 'string' | 'integer' | 'boolean';
  description: LocalText;
  unit: LocalText | null;
}

const weightColumn = (figure: FigureName) => (figure === 'weight_grams' ? 'weight_kg' : figure);

export const OPEN_DATA_DICTIONARY: readonly OpenDataColumn[] = [
  { name: 'province_code', type: 'string', description: { vi: 'Mã tỉnh, thành phố (2025)', en: 'Province code (2025)' }, unit: null },
  { name: 'province_name', type: 'string', description: { vi: 'Tên tỉnh, thành phố', en: 'Province name' }, unit: null },
  { name: 'month', type: 'string', description: { vi: 'Tháng (YYYY-MM, giờ Việt Nam)', en: 'Month (YYYY-MM, Vietnam time)' }, unit: null },
  { name: 'level', type: 'string', description: { vi: '"province": toàn tỉnh; "commune": một xã, phường', en: '"province": the whole province; "commune": one commune' }, unit: null },
  {
    name: 'commune_code',
    type: 'string',
    description: { vi: 'Mã xã, phường (2025); mã xã cũ nếu đã chia tách; trống nếu không rõ xã', en: 'Commune code (2025); the former code for a split commune; empty when unknown' },
    unit: null,
  },
  { name: 'commune_name', type: 'string', description: { vi: 'Tên xã, phường', en: 'Commune name' }, unit: null },
  {
    name: 'former_commune',
    type: 'boolean',
    description: { vi: 'Xã cũ đã chia tách: số liệu không phân bổ cho xã mới', en: 'A former commune that was split: not allocated to the new communes' },
    unit: null,
  },
  ...FIGURE_NAMES.map((figure): OpenDataColumn => ({
    name: weightColumn(figure),
    type: 'integer',
    description: FIGURE_LABELS[figure],
    unit: csvUnit(figure),
  })),
];

export type OpenDataRow = Record<string, string | number | boolean>;

export interface OpenDataFile<T> {
  fileName: string;
  contentType: string;
  body: T;
  /** A strong ETag of the body as served (the same data gives the same tag). */
  etag: string;
}

export interface OpenDataFiles {
  csv: OpenDataFile<Buffer>;
  json: OpenDataFile<{ title: LocalText; licence: typeof OPEN_DATA_LICENCE; dictionary: readonly OpenDataColumn[]; rows: OpenDataRow[] }>;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const etagOf = (data: string | Buffer) => `"${createHash('sha256').update(data).digest('base64url').slice(0, 27)}"`;

/**
 * The open-data files of one province and month: CSV (UTF-8 with BOM, columns in dictionary order) and JSON (title,
 * licence, dictionary, rows). `figures.total` is the province's own figures (unique figures are not sums of the
 * communes'). No time stamp inside, so a month that did not change keeps its ETag.
 */
export function openDataFiles(
  province: { code: string; name: LocalText },
  month: string,
  figures: { communes: ReportCommuneRow[]; total: Record<string, number> },
): OpenDataFiles {
  if (!/^\d{2}$/.test(province.code)) throw new RangeError(`not a province code: ${province.code}`);
  if (!MONTH_RE.test(month)) throw new RangeError(`not a month: ${month}`);
  const place = { province_code: province.code, province_name: province.name.vi, month };
  const values = (v: Record<string, number>) => Object.fromEntries(FIGURE_NAMES.map((f) => [weightColumn(f), csvValue(f, communeValue(v, f))]));
  const rows: OpenDataRow[] = [
    { ...place, level: 'province', commune_code: '', commune_name: PROVINCE_TOTAL.vi, former_commune: false, ...values(figures.total) },
    ...figures.communes.map((c) => ({
      ...place,
      level: 'commune',
      commune_code: isFormerCommuneKey(c.key) ? c.key.slice('old:'.length) : c.key,
      commune_name: c.name.vi,
      former_commune: c.former,
      ...values(c.values),
    })),
  ];
  const names = OPEN_DATA_DICTIONARY.map((c) => c.name);
  const csv = toCsv(names, rows.map((row) => names.map((n) => row[n] ?? '')));
  const base = `nong-san-so-${province.code}-${month}`;
  const json = {
    title: { vi: `Nông Sàn Số – số liệu tổng hợp ${province.name.vi}, tháng ${month}`, en: `Nông Sàn Số – aggregate figures, ${province.name.en}, ${month}` },
    licence: OPEN_DATA_LICENCE,
    dictionary: OPEN_DATA_DICTIONARY,
    rows,
  };
  return {
    csv: { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csv, etag: etagOf(csv) },
    json: { fileName: `${base}.json`, contentType: 'application/json; charset=utf-8', body: json, etag: etagOf(JSON.stringify(json)) },
  };
}

import { randomBytes } from 'node:crypto';
import type { ReportExportDto } from '@nss/contracts';
import { getProvince } from '@nss/admin-units';
import type { Period } from '@nss/report-figures';
import type { ReportExport, ReportExportFormat, ReportExportKind } from './report-export.schema';

export const EXPORT_CONTENT_TYPES: Record<ReportExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** The place a report speaks of, as a province record names it ("Tỉnh Thái Nguyên"), or the whole country. */
export function provinceNames(provinceCode: string | null): { code: string; name: { vi: string; en: string } } {
  const province = provinceCode ? getProvince(provinceCode) : undefined;
  if (!province) return { code: provinceCode ?? '', name: { vi: 'Cả nước', en: 'Vietnam' } };
  return { code: province.code, name: { vi: province.fullName, en: asciiOf(province.fullName) } };
}

/** Vietnamese letters without their marks (`đ` → `d`), for the plain file name and the English name of a place. */
export function asciiOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '');
}

/** "Báo cáo Tỉnh Thái Nguyên 2026-11.xlsx"; a range is "2026-11-01_2026-11-30"; a commune report names the commune. */
export function exportFileName(provinceCode: string | null, period: Pick<Period, 'kind' | 'key' | 'from' | 'to'>, format: ReportExportFormat, communeName?: string): string {
  const place = communeName ?? provinceNames(provinceCode).name.vi;
  const when = period.kind === 'range' ? `${period.from}_${period.to}` : period.key;
  return `Báo cáo ${place} ${when}.${format}`.replace(/[\\/:*?"<>|]+/g, '-').normalize('NFC');
}

/** A private object key, unguessable and drawn once per export (a rebuild writes the same key again). */
export function exportStorageKey(format: ReportExportFormat): string {
  return `reports/${randomBytes(12).toString('hex')}/bao-cao.${format}`;
}

/**
 * `attachment` with a plain-ASCII `filename` for old clients and the UTF-8 name in `filename*` (RFC 6266 / RFC 8187),
 * so a browser saves "Báo cáo Tỉnh Thái Nguyên 2026-11.pdf" with its marks.
 */
export function contentDisposition(fileName: string): string {
  const plain = asciiOf(fileName).replace(/["\\]/g, '');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${plain}"; filename*=UTF-8''${encoded}`;
}

export function exportDto(doc: ReportExport): ReportExportDto {
  const { done, total } = doc.progress;
  return {
    id: doc._id,
    kind: doc.kind,
    format: doc.format,
    status: doc.status,
    ...(doc.provinceCode ? { provinceCode: doc.provinceCode } : {}),
    ...(doc.communeKey ? { communeKey: doc.communeKey } : {}),
    period: doc.period,
    progress: { done, total, percent: doc.status === 'done' ? 100 : total > 0 ? Math.floor((done / total) * 100) : 0 },
    ...(doc.status === 'done' ? { fileName: doc.fileName, ...(doc.sizeBytes !== null ? { sizeBytes: doc.sizeBytes } : {}) } : {}),
    ...(doc.error ? { error: doc.error } : {}),
    createdAt: doc.createdAt.toISOString(),
    ...(doc.finishedAt ? { finishedAt: doc.finishedAt.toISOString() } : {}),
  };
}

/** A new export, queued, with its private storage key drawn now (it never changes: a rebuild writes the same object). */
export function newExport(input: {
  id: string;
  kind: ReportExportKind;
  format: ReportExportFormat;
  provinceCode: string | null;
  communeKey: string | null;
  period: Pick<Period, 'kind' | 'key' | 'from' | 'to'>;
  requestedByUserId: string | null;
  fileName: string;
  now: Date;
}): ReportExport {
  const { id, period, now, ...rest } = input;
  return {
    _id: id,
    ...rest,
    status: 'queued',
    period: { kind: period.kind, key: period.key, from: period.from, to: period.to },
    progress: { done: 0, total: 0 },
    storageKey: exportStorageKey(input.format),
    sizeBytes: null,
    error: null,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    lockFence: null,
  };
}

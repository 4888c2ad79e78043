import { Injectable } from '@nestjs/common';
import { getCommune, getProvince } from '@nss/admin-units';
import type { ScanSummary, ScanSummaryQuery, ScanVerdictKind, SuspicionReason, SuspiciousStampsPage, SuspiciousStampsQuery } from '@nss/contracts';
import { ProductWriter } from '@nss/catalog-api';
import { Actor, AppError } from '@nss/server-core';
import { vnDayKey, vnDayStart } from '@nss/util-vn';
import { TraceEventsRepository } from '../events/trace-events.repository';
import { ScanAccess } from './scan-access';
import { PRODUCT_NAMES_SCOPE, ScanPathRepository } from './scan-path.repository';
import { StampScansRepository } from './stamp-scans.repository';

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
/** Suspicious stamps are listed from this many most recent detections. */
const SUSPICIOUS_WINDOW = 2_000;

/**
 * Scan analytics: counts of scans (by verdict, Vietnam day, the scanners' approximate province, the stamps' commune and
 * product) over a period, within what the caller may see (ScanAccess); and the stamps found suspicious, with why.
 */
@Injectable()
export class ScanAnalyticsService {
  constructor(
    private readonly access: ScanAccess,
    private readonly scans: StampScansRepository,
    private readonly events: TraceEventsRepository,
    private readonly path: ScanPathRepository,
    private readonly products: ProductWriter,
  ) {}

  async summary(actor: Actor, query: ScanSummaryQuery): Promise<ScanSummary> {
    const to = query.to ?? vnDayKey(new Date());
    const from = query.from ?? vnDayKey(new Date(vnDayStart(to).getTime() - 29 * DAY_MS));
    const range = { from: vnDayStart(from), to: new Date(vnDayStart(to).getTime() + DAY_MS) };
    if (range.to.getTime() - range.from.getTime() > MAX_DAYS * DAY_MS) {
      throw AppError.invalidField('from', `Tối đa ${MAX_DAYS} ngày`, `at most ${MAX_DAYS} days`);
    }
    const { scope, filter } = await this.access.summaryView(actor, query);
    const count = (field: Parameters<StampScansRepository['countBy']>[3]) => this.scans.countBy(scope, range, filter, field);
    const [byVerdict, byDay, byProvince, byCommune, byProduct] = await Promise.all([
      count('verdict'),
      count('dayVn'),
      count('scannerProvinceCode'),
      count('communeCode'),
      count('productId'),
    ]);
    const names = await this.productNames(byProduct.map((r) => r.key).filter((k): k is string => !!k));
    return {
      from,
      to,
      total: byVerdict.reduce((sum, r) => sum + r.count, 0),
      byVerdict: byVerdict.map((r) => ({ verdict: r.key as ScanVerdictKind, count: r.count })),
      byDay: byDay.map((r) => ({ day: r.key ?? '', count: r.count })).sort((a, b) => a.day.localeCompare(b.day)),
      byScannerProvince: byProvince.map((r) => ({ provinceCode: r.key, provinceName: r.key ? (getProvince(r.key)?.name ?? r.key) : null, count: r.count })),
      byCommune: byCommune.map((r) => ({ communeCode: r.key ?? '', communeName: getCommune(r.key ?? '')?.name ?? (r.key ?? ''), count: r.count })),
      byProduct: byProduct.map((r) => ({ productId: r.key ?? '', productName: names.get(r.key ?? '') ?? '', count: r.count })),
    };
  }

  async suspicious(actor: Actor, query: SuspiciousStampsQuery): Promise<SuspiciousStampsPage> {
    const scope = this.access.suspiciousScope(actor, query.provinceCode);
    const detections = await this.events.find(scope, { type: 'stamp.suspicious' }, undefined, { sort: { at: -1 }, limit: SUSPICIOUS_WINDOW, lean: true });
    const bySerial = new Map<string, (typeof detections)[number][]>();
    for (const d of detections) {
      if (!d.serial) continue;
      bySerial.set(d.serial, [...(bySerial.get(d.serial) ?? []), d]);
    }
    const serials = [...bySerial.keys()];
    const pageSerials = serials.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const stamps = new Map((await this.path.stampsIn(scope, pageSerials)).map((s) => [s._id, s]));
    const lotCodes = await this.path.lotCodes([...stamps.values()].map((s) => s.lotId));
    const names = await this.productNames(pageSerials.map((s) => bySerial.get(s)?.[0]?.productId ?? ''));
    const items = pageSerials.flatMap((serial) => {
      const found = bySerial.get(serial) ?? [];
      const latest = found[0];
      if (!latest) return [];
      const stamp = stamps.get(serial);
      const lotId = stamp?.lotId ?? latest.lotId ?? null;
      const item = {
        serial,
        reasons: found
          .map((d) => ({ reason: String((d.data as { reason?: unknown })?.['reason'] ?? '') as SuspicionReason, detectedAt: new Date(d.at).toISOString() }))
          .filter((r) => r.reason === 'too_many_scans' || r.reason === 'far_apart'),
        productId: latest.productId,
        productName: names.get(latest.productId) ?? '',
        lotId,
        lotCode: lotId ? (lotCodes.get(lotId) ?? null) : null,
        communeCode: latest.communeCode,
        communeName: getCommune(latest.communeCode)?.name ?? latest.communeCode,
        provinceCode: latest.provinceCode,
        scanCount: stamp?.scanCount ?? 0,
      };
      return [item];
    });
    return { items, total: serials.length, page: query.page, pageSize: query.pageSize };
  }

  private async productNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))].slice(0, 100);
    const found = await Promise.all(unique.map((id) => this.products.findById(PRODUCT_NAMES_SCOPE, id)));
    return new Map(found.filter((p) => p !== null).map((p) => [String(p._id), p.name]));
  }
}

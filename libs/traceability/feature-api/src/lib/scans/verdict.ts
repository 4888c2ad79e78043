import type { SuspicionReason } from '@nss/contracts';
import type { ScanVerdict } from './stamp-scan.schema';

/** The configurable thresholds (TRACE_SUSPICIOUS_SCANS, TRACE_SUSPICIOUS_KM, TRACE_SUSPICIOUS_HOURS). */
export interface VerdictRules {
  /** More scans than this is suspicious (K). */
  maxScans: number;
  /** Two positioned scans more than this many km apart … (D) */
  maxKm: number;
  /** … whose times are within this many hours of each other (T). */
  windowHours: number;
}

/** A recent scan of the stamp: a position only when its scanner consented. */
export interface RecentScanPoint {
  at: Date;
  lat: number | null;
  lng: number | null;
}

export interface VerdictInput {
  status: 'inactive' | 'active' | 'void';
  /** Scans of the stamp, the one being answered included. */
  scanCount: number;
  firstScanAt: Date | null;
  /** The stamp's last scans (any order). */
  recent: readonly RecentScanPoint[];
  /** Reasons found earlier and kept (a stamp found suspicious stays suspicious). */
  knownReasons: readonly SuspicionReason[];
}

export interface Verdict {
  kind: ScanVerdict;
  reasons: SuspicionReason[];
  scanCount: number;
  firstScanAt: Date | null;
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), km. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A consented position as stored: rounded to 0.01° (about 1 km), never finer. */
export function roundPosition(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Two positioned scans more than `maxKm` apart whose times are at most `windowHours` apart. */
export function hasFarApartPair(recent: readonly RecentScanPoint[], rules: Pick<VerdictRules, 'maxKm' | 'windowHours'>): boolean {
  const points = recent.filter((s): s is RecentScanPoint & { lat: number; lng: number } => s.lat !== null && s.lng !== null);
  const windowMs = rules.windowHours * 3_600_000;
  for (const [i, a] of points.entries()) {
    for (const b of points.slice(i + 1)) {
      if (Math.abs(a.at.getTime() - b.at.getTime()) <= windowMs && distanceKm(a, b) > rules.maxKm) return true;
    }
  }
  return false;
}

/**
 * What the scan page says about a stamp, from its state after this scan was counted. A void stamp says so whatever
 * else; a stamp not yet activated is not genuine; then suspicion (more than K scans, or two scans more than D km apart
 * within T hours, or a reason found before); else genuine: first scan, or seen before (first scan date and count).
 */
export function scanVerdict(input: VerdictInput, rules: VerdictRules): Verdict {
  const base = { scanCount: input.scanCount, firstScanAt: input.firstScanAt };
  if (input.status === 'void') return { kind: 'void', reasons: [], ...base };
  if (input.status === 'inactive') return { kind: 'inactive', reasons: [], ...base };
  const reasons = new Set<SuspicionReason>(input.knownReasons);
  if (input.scanCount > rules.maxScans) reasons.add('too_many_scans');
  if (hasFarApartPair(input.recent, rules)) reasons.add('far_apart');
  if (reasons.size > 0) {
    const ordered = (['too_many_scans', 'far_apart'] as const).filter((r) => reasons.has(r));
    return { kind: 'suspicious', reasons: ordered, ...base };
  }
  return { kind: input.scanCount <= 1 ? 'genuine_first' : 'genuine_seen', reasons: [], ...base };
}

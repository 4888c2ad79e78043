import { distanceKm, hasFarApartPair, roundPosition, scanVerdict, type RecentScanPoint, type VerdictInput } from './verdict';

const RULES = { maxScans: 50, maxKm: 100, windowHours: 24 };
const T0 = new Date('2026-12-01T03:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);
const HANOI = { lat: 21.03, lng: 105.85 };
const THAI_NGUYEN = { lat: 21.59, lng: 105.85 };
const HCMC = { lat: 10.78, lng: 106.7 };

function input(overrides: Partial<VerdictInput> = {}): VerdictInput {
  return { status: 'active', scanCount: 1, firstScanAt: T0, recent: [], knownReasons: [], ...overrides };
}
const at = (h: number, place: { lat: number; lng: number } | null): RecentScanPoint => ({ at: hours(h), lat: place?.lat ?? null, lng: place?.lng ?? null });

describe('scanVerdict', () => {
  it('calls the first scan of an active stamp genuine, first scan', () => {
    expect(scanVerdict(input(), RULES)).toEqual({ kind: 'genuine_first', reasons: [], scanCount: 1, firstScanAt: T0 });
  });

  it('calls a later scan genuine, seen before, with the first scan date and the count', () => {
    expect(scanVerdict(input({ scanCount: 7 }), RULES)).toEqual({ kind: 'genuine_seen', reasons: [], scanCount: 7, firstScanAt: T0 });
  });

  it('is suspicious above K scans, not at K', () => {
    expect(scanVerdict(input({ scanCount: 50 }), RULES).kind).toBe('genuine_seen');
    expect(scanVerdict(input({ scanCount: 51 }), RULES)).toMatchObject({ kind: 'suspicious', reasons: ['too_many_scans'] });
  });

  it('is suspicious when two positioned scans are more than D km apart within T hours', () => {
    const recent = [at(0, HANOI), at(1, null), at(5, HCMC)];
    expect(scanVerdict(input({ scanCount: 3, recent }), RULES)).toMatchObject({ kind: 'suspicious', reasons: ['far_apart'] });
  });

  it('is not suspicious for far apart scans more than T hours apart, or near ones, or scans without position', () => {
    expect(scanVerdict(input({ scanCount: 2, recent: [at(0, HANOI), at(25, HCMC)] }), RULES).kind).toBe('genuine_seen');
    expect(scanVerdict(input({ scanCount: 2, recent: [at(0, HANOI), at(1, THAI_NGUYEN)] }), RULES).kind).toBe('genuine_seen');
    expect(scanVerdict(input({ scanCount: 3, recent: [at(0, null), at(1, null), at(2, HCMC)] }), RULES).kind).toBe('genuine_seen');
  });

  it('keeps reasons found before and lists both reasons in a fixed order', () => {
    expect(scanVerdict(input({ scanCount: 2, knownReasons: ['far_apart'] }), RULES)).toMatchObject({ kind: 'suspicious', reasons: ['far_apart'] });
    const both = scanVerdict(input({ scanCount: 60, recent: [at(0, HCMC), at(2, HANOI)], knownReasons: ['far_apart'] }), RULES);
    expect(both.reasons).toEqual(['too_many_scans', 'far_apart']);
  });

  it('says void for a void stamp and inactive for one not activated, whatever the scans', () => {
    const scanned = { scanCount: 99, recent: [at(0, HANOI), at(1, HCMC)], knownReasons: ['far_apart' as const] };
    expect(scanVerdict(input({ status: 'void', ...scanned }), RULES)).toMatchObject({ kind: 'void', reasons: [] });
    expect(scanVerdict(input({ status: 'inactive', ...scanned }), RULES)).toMatchObject({ kind: 'inactive', reasons: [] });
  });

  it('follows configured thresholds', () => {
    const strict = { maxScans: 3, maxKm: 50, windowHours: 2 };
    expect(scanVerdict(input({ scanCount: 4 }), strict).kind).toBe('suspicious');
    expect(scanVerdict(input({ scanCount: 2, recent: [at(0, HANOI), at(1, THAI_NGUYEN)] }), strict).kind).toBe('suspicious');
    expect(scanVerdict(input({ scanCount: 2, recent: [at(0, HANOI), at(3, THAI_NGUYEN)] }), strict).kind).toBe('genuine_seen');
  });
});

describe('positions', () => {
  it('measures great-circle distances', () => {
    expect(distanceKm(HANOI, HCMC)).toBeGreaterThan(1100);
    expect(distanceKm(HANOI, HCMC)).toBeLessThan(1200);
    expect(distanceKm(HANOI, THAI_NGUYEN)).toBeCloseTo(62.3, 0);
    expect(distanceKm(HANOI, HANOI)).toBe(0);
  });

  it('rounds to 0.01°', () => {
    expect(roundPosition(21.028511)).toBe(21.03);
    expect(roundPosition(-105.8342)).toBe(-105.83);
    expect(roundPosition(10.775)).toBeCloseTo(10.78, 5);
  });

  it('finds a far apart pair only among positioned scans', () => {
    expect(hasFarApartPair([at(0, HANOI)], RULES)).toBe(false);
    expect(hasFarApartPair([at(3, HCMC), at(0, HANOI)], RULES)).toBe(true);
  });
});

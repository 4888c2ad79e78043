import { distanceKm } from './verdict';

/**
 * Approximate centres of the 34 provinces of 2025 (codes of `@nss/admin-units`), for "scans by province" of the
 * sellers' analytics. A consented position is rounded to about 1 km and no boundary data is vendored, so a scan is put
 * in the province whose centre is nearest: right for most of a province, approximate near borders, and unknown (null)
 * more than 200 km from every centre (abroad, at sea). Say "approximate" wherever it is shown.
 */
export const PROVINCE_CENTRES: ReadonlyArray<readonly [code: string, lat: number, lng: number]> = [
  ['01', 21.0, 105.7],
  ['04', 22.7, 106.1],
  ['08', 22.3, 105.1],
  ['11', 21.7, 103.0],
  ['12', 22.3, 103.3],
  ['14', 21.2, 104.0],
  ['15', 22.0, 104.3],
  ['19', 21.9, 105.85],
  ['20', 21.8, 106.6],
  ['22', 21.2, 107.3],
  ['24', 21.3, 106.3],
  ['25', 21.1, 105.35],
  ['31', 20.9, 106.5],
  ['33', 20.6, 106.2],
  ['37', 20.35, 106.0],
  ['38', 20.0, 105.5],
  ['40', 19.2, 104.9],
  ['42', 18.3, 105.7],
  ['44', 17.2, 106.6],
  ['46', 16.35, 107.5],
  ['48', 15.6, 108.0],
  ['51', 14.8, 108.2],
  ['52', 14.0, 108.5],
  ['56', 12.0, 109.0],
  ['66', 12.9, 108.5],
  ['68', 11.6, 107.9],
  ['75', 11.3, 107.0],
  ['79', 10.9, 106.7],
  ['80', 11.0, 106.1],
  ['82', 10.45, 105.9],
  ['86', 10.05, 106.25],
  ['91', 10.3, 105.0],
  ['92', 9.75, 105.85],
  ['96', 9.15, 105.2],
];

const MAX_KM = 200;

/** The 2025 province code nearest to a position, or null when none is within 200 km. */
export function nearestProvinceCode(lat: number, lng: number): string | null {
  let best: string | null = null;
  let bestKm = MAX_KM;
  for (const [code, cLat, cLng] of PROVINCE_CENTRES) {
    const km = distanceKm({ lat, lng }, { lat: cLat, lng: cLng });
    if (km < bestKm) {
      best = code;
      bestKm = km;
    }
  }
  return best;
}

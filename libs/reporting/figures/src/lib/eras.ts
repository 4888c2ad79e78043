/**
 * Administrative eras. Data recorded under pre-July-2025 codes is reported under the 2025 commune it became; a
 * commune that was split between several new ones is reported on its own row (`old:<code>`) and in the province
 * total, never guessed into one of them.
 *
 * The lookup is passed in (the server passes `@nss/admin-units`), so this library stays framework-free and usable by
 * the web app, and the rules are tested on small hand-made cases.
 */
export interface AdminUnitRef {
  code: string;
  name: string;
  provinceCode: string;
}

export interface AdminUnitLookup {
  getCommune(code: string): AdminUnitRef | undefined;
  convertOldCode(input: { level: 'province' | 'commune'; code: string }): { to: AdminUnitRef[] } | null;
}

export type AdminEraCode = '2025' | 'pre2025';

/** Where a record is reported: its 2025 province, and its commune row (a 2025 code, or `old:<code>`). */
export interface ReportPlace {
  provinceCode: string;
  communeKey: string;
  /** A split (or unmapped) old commune: the row stands for it; `candidates` are the 2025 communes it became. */
  former?: { code: string; candidates: string[] };
}

const OLD_PREFIX = 'old:';

/** The row key of a former commune that cannot be placed in one 2025 commune. */
export function formerCommuneKey(code: string): string {
  return `${OLD_PREFIX}${code}`;
}

export function isFormerCommuneKey(key: string): boolean {
  return key.startsWith(OLD_PREFIX);
}

/**
 * The report place of a record's `(provinceCode, communeCode, era)`. A 2025 commune stays as it is. An old commune
 * that became exactly one 2025 commune is reported there; split or unknown, it gets its own row in the province
 * its new communes (or its old province) lie in. Null when not even the province can be placed.
 */
export function reportPlaceOf(
  record: { provinceCode: string; communeCode: string; adminEra?: AdminEraCode | null },
  units: AdminUnitLookup,
): ReportPlace | null {
  if ((record.adminEra ?? '2025') === '2025') {
    const commune = record.communeCode ? units.getCommune(record.communeCode) : undefined;
    if (commune && commune.provinceCode !== record.provinceCode) return null;
    return { provinceCode: record.provinceCode, communeKey: record.communeCode };
  }
  const targets = units.convertOldCode({ level: 'commune', code: record.communeCode })?.to ?? [];
  const [only] = targets;
  if (targets.length === 1 && only) return { provinceCode: only.provinceCode, communeKey: only.code };
  const provinces = new Set(targets.map((t) => t.provinceCode));
  const provinceCode =
    provinces.size === 1 ? [...provinces][0] : singleTarget(units.convertOldCode({ level: 'province', code: record.provinceCode })?.to);
  if (!provinceCode) return null;
  return {
    provinceCode,
    communeKey: formerCommuneKey(record.communeCode),
    former: { code: record.communeCode, candidates: targets.map((t) => t.code).sort() },
  };
}

function singleTarget(targets: AdminUnitRef[] | undefined): string | undefined {
  return targets?.length === 1 ? targets[0]?.code : undefined;
}

/** The name of a commune row, Vietnamese and English. */
export function communeRowName(key: string, units: Pick<AdminUnitLookup, 'getCommune'>): { vi: string; en: string } {
  if (isFormerCommuneKey(key)) {
    const code = key.slice(OLD_PREFIX.length);
    return {
      vi: `Xã cũ ${code} (đã chia tách, không phân bổ)`,
      en: `Former commune ${code} (split, not allocated)`,
    };
  }
  if (!key) return { vi: 'Chưa rõ xã/phường', en: 'Commune unknown' };
  const name = units.getCommune(key)?.name ?? key;
  return { vi: name, en: name };
}

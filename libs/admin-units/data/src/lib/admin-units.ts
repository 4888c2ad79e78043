import units from '../data/units-2025.json';
import oldToNew from '../data/old-to-new.json';

/** Administrative codes are reused across eras (new Lào Cai is 15, once Yên Bái's), so every unit names its era. */
export type AdminEra = '2025' | 'pre2025';
export type AdminLevel = 'province' | 'commune';

export interface Province {
  code: string;
  /** Official short name (GSO list 915/CTK-CSCL), e.g. "Thái Nguyên", "Thành phố Hà Nội". */
  name: string;
  /** With its kind, e.g. "Tỉnh Thái Nguyên". */
  fullName: string;
  era: '2025';
}

export interface Commune {
  code: string;
  /** Official name with its kind (GSO list 1027/CTK-CSCL), e.g. "Xã Ba Bể", "Phường Phan Đình Phùng". */
  name: string;
  provinceCode: string;
  era: '2025';
}

/** A 2025 unit that an old code became. For a province, `provinceCode` is its own code. */
export interface ConvertedUnit {
  level: AdminLevel;
  code: string;
  name: string;
  provinceCode: string;
  era: '2025';
}

export interface OldUnitRef {
  level: AdminLevel;
  code: string;
  era: 'pre2025';
}

export interface Conversion {
  from: OldUnitRef;
  to: ConvertedUnit[];
}

interface VendoredProvince {
  code: string;
  name: string;
  fullName: string;
  communes: string[][];
}

const provinces = new Map<string, Province>();
const communesByProvince = new Map<string, Commune[]>();
const communes = new Map<string, Commune>();

for (const p of (units as { provinces: VendoredProvince[] }).provinces) {
  provinces.set(p.code, Object.freeze({ code: p.code, name: p.name, fullName: p.fullName, era: '2025' as const }));
  const list = p.communes.map(([code, name]) =>
    Object.freeze({ code, name, provinceCode: p.code, era: '2025' as const }),
  );
  communesByProvince.set(p.code, list);
  for (const c of list) communes.set(c.code, c);
}

const oldProvinceMap: Record<string, string[]> = oldToNew.provinces;
const oldCommuneMap: Record<string, string[]> = oldToNew.communes;

/** The 34 provinces of 2025, by code. */
export function listProvinces(): Province[] {
  return [...provinces.values()];
}

export function getProvince(code: string): Province | undefined {
  return provinces.get(code);
}

/** The communes and wards of a 2025 province, by code; empty for an unknown province. */
export function listCommunes(provinceCode: string): Commune[] {
  return [...(communesByProvince.get(provinceCode) ?? [])];
}

export function getCommune(code: string): Commune | undefined {
  return communes.get(code);
}

/** True when both are 2025 codes and the commune lies in the province. */
export function isCommuneInProvince(communeCode: string, provinceCode: string): boolean {
  return communes.get(communeCode)?.provinceCode === provinceCode;
}

/** Counts, for checks and health pages. */
export function adminUnitStats(): { provinces: number; communes: number } {
  return { provinces: provinces.size, communes: communes.size };
}

/**
 * The 2025 units a pre-2025 province or commune code became (many-to-many: a split commune maps to several new
 * ones, a merged province to one). Null for a code that did not exist before 2025. Old names are not kept here
 * (their source is GPL-licensed), so `from` carries the code only.
 */
export function convertOldCode(input: { level: AdminLevel; code: string }): Conversion | null {
  const from: OldUnitRef = { level: input.level, code: input.code, era: 'pre2025' };
  if (input.level === 'province') {
    const targets = Object.hasOwn(oldProvinceMap, input.code) ? oldProvinceMap[input.code] : undefined;
    if (!targets) return null;
    const to = targets.flatMap((code) => {
      const p = provinces.get(code);
      return p ? [{ level: 'province' as const, code: p.code, name: p.name, provinceCode: p.code, era: p.era }] : [];
    });
    return { from, to };
  }
  const targets = Object.hasOwn(oldCommuneMap, input.code) ? oldCommuneMap[input.code] : undefined;
  if (!targets) return null;
  const to = targets.flatMap((code) => {
    const c = communes.get(code);
    return c ? [{ level: 'commune' as const, code: c.code, name: c.name, provinceCode: c.provinceCode, era: c.era }] : [];
  });
  return { from, to };
}

/**
 * GTIN (GS1 General Specifications §7.9): 8, 12, 13 or 14 digits whose last is the mod-10 check digit (weights 3 and 1
 * from the right, the check digit excluded). Stamp URLs carry the GTIN-14 form (left-padded with zeros).
 */
export function gtinCheckDigit(withoutCheck: string): number {
  if (!/^\d+$/.test(withoutCheck)) throw new Error('a GTIN has digits only');
  let sum = 0;
  for (let i = 0; i < withoutCheck.length; i++) {
    const digit = withoutCheck.charCodeAt(withoutCheck.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return false;
  return gtinCheckDigit(gtin.slice(0, -1)) === Number(gtin[gtin.length - 1]);
}

/** The GTIN-14 form of a valid GTIN, or null. */
export function toGtin14(gtin: string): string | null {
  return isValidGtin(gtin) ? gtin.padStart(14, '0') : null;
}

import { DigitalLink } from './digital-link';
import { toGtin14 } from './gtin';
import { checkCharacter as checkCharacterOf, parseSerial } from './serials';

/** A lot code usable as GS1 AI (10): 1–20 characters; we allow letters, digits and dashes. */
export const LOT_CODE_PATTERN = /^[A-Za-z0-9-]{1,20}$/;

export interface StampUrlParts {
  /** e.g. `https://nongsanso.vn` (no trailing slash). */
  baseUrl: string;
  serial: string;
  /** With a GTIN (and a lot code) the URL is a GS1 Digital Link; without, `<base>/t/<serial>`. */
  gtin?: string | null;
  lotCode?: string | null;
}

function base(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('the stamp base URL must be http(s)');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The URL printed in a stamp's QR code: `https://<host>/01/<gtin14>/10/<lot>/21/<serial>` (GS1 Digital Link URI
 * syntax, built and checked by digital-link.js) when the product has a GTIN and the lot a code, else
 * `https://<host>/t/<serial>`.
 */
export function stampUrl(parts: StampUrlParts): string {
  const root = base(parts.baseUrl);
  if (!parseSerial(parts.serial)) throw new Error('not a valid serial');
  const gtin14 = parts.gtin ? toGtin14(parts.gtin) : null;
  if (parts.gtin && !gtin14) throw new Error('not a valid GTIN');
  if (!gtin14 || !parts.lotCode) return `${root}/t/${parts.serial}`;
  if (!LOT_CODE_PATTERN.test(parts.lotCode)) throw new Error('not a valid lot code');
  const link = DigitalLink({ domain: root, identifier: { '01': gtin14 }, keyQualifiers: { '10': parts.lotCode, '21': parts.serial } });
  if (!link.isValid()) throw new Error('not a valid GS1 Digital Link');
  return link.toWebUriString();
}

export interface ScannedStamp {
  serial: string;
  gtin: string | null;
  lotCode: string | null;
}

/**
 * What a stamp URL path names: `/t/<serial>` or `/01/<gtin>/10/<lot>/21/<serial>` (path only, any host). Null when
 * the path is neither, the GTIN's check digit is wrong or the serial's check character is wrong.
 */
export function parseStampPath(pathname: string): ScannedStamp | null {
  const path = pathname.split(/[?#]/)[0]!;
  const short = /^\/t\/([^/]{1,40})\/?$/.exec(path);
  if (short) {
    const serial = parseSerial(decodeURIComponent(short[1]!));
    return serial ? { serial, gtin: null, lotCode: null } : null;
  }
  if (!/^\/01\//.test(path)) return null;
  let link;
  try {
    link = DigitalLink(`https://stamp.invalid${path}`);
  } catch {
    return null;
  }
  if (!link.isValid()) return null;
  const gtin = toGtin14(link.getIdentifier()['01'] ?? '');
  const qualifiers = link.getKeyQualifiers();
  const serial = parseSerial(qualifiers['21'] ?? '');
  const lotCode = qualifiers['10'] ?? null;
  if (!gtin || !serial || (lotCode !== null && !LOT_CODE_PATTERN.test(lotCode))) return null;
  return { serial, gtin, lotCode };
}

/**
 * For a whole batch (one base URL, GTIN and lot): checks the parts once (with digital-link.js) and answers a function
 * that makes each stamp's URL by concatenation, so 180,000 URLs do not each run the GS1 grammar.
 */
export function stampUrlFactory(parts: Omit<StampUrlParts, 'serial'>): (serial: string) => string {
  const sample = '2'.repeat(13);
  const sampleSerial = sample + checkCharacterOf(sample);
  const url = stampUrl({ ...parts, serial: sampleSerial });
  const prefix = url.slice(0, url.length - sampleSerial.length);
  return (serial: string) => prefix + serial;
}

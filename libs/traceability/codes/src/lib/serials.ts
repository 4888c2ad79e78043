import { randomBytes } from 'node:crypto';

/**
 * Stamp serials: 13 random characters and one check character from an alphabet of 31 without look-alikes
 * (no 0 O 1 I L): 13 × log2(31) = 64.4 bits of randomness, so serials cannot be guessed or enumerated.
 *
 * Check character: the value c of the 14th character makes Σ (i + 1)·vᵢ + 14·c ≡ 0 (mod 31) over the 13 data characters
 * (i from 0, left to right). 31 is prime and every weight is non-zero and below 31, so any single wrong character and
 * any two characters swapped (adjacent or not) change the sum: a mistyped serial is refused without a database read.
 */
export const SERIAL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const SERIAL_DATA_LENGTH = 13;
export const SERIAL_LENGTH = SERIAL_DATA_LENGTH + 1;
const BASE = SERIAL_ALPHABET.length; // 31
const VALUE = new Map([...SERIAL_ALPHABET].map((ch, i) => [ch, i]));
/** Bytes below this are used (248 = 8 × 31): rejection sampling keeps every character equally likely. */
const UNBIASED_BELOW = Math.floor(256 / BASE) * BASE;

/** The check character of 13 data characters (already upper-case, in the alphabet). */
export function checkCharacter(data: string): string {
  if (data.length !== SERIAL_DATA_LENGTH) throw new Error(`a serial has ${SERIAL_DATA_LENGTH} data characters`);
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = VALUE.get(data[i]!);
    if (v === undefined) throw new Error(`"${data[i]}" is not a serial character`);
    sum += (i + 1) * v;
  }
  // 14·c ≡ −sum (mod 31); 14⁻¹ mod 31 = 20 (14 × 20 = 280 = 9 × 31 + 1).
  const c = (((BASE - (sum % BASE)) % BASE) * 20) % BASE;
  return SERIAL_ALPHABET[c]!;
}

/** `count` new serials (distinct within the call). */
export function newSerials(count: number): string[] {
  const out = new Set<string>();
  let pool = randomBytes(Math.max(64, count * 16));
  let at = 0;
  while (out.size < count) {
    let data = '';
    while (data.length < SERIAL_DATA_LENGTH) {
      if (at >= pool.length) {
        pool = randomBytes(Math.max(64, (count - out.size) * 16));
        at = 0;
      }
      const byte = pool[at++]!;
      if (byte < UNBIASED_BELOW) data += SERIAL_ALPHABET[byte % BASE];
    }
    out.add(data + checkCharacter(data));
  }
  return [...out];
}

export function newSerial(): string {
  return newSerials(1)[0]!;
}

/** What a person or a scanner typed, made canonical: upper case, spaces and dashes removed. */
export function normaliseSerial(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * The canonical serial when `input` is well formed (length, alphabet, check character), else null. Cheap: this is
 * what keeps random or mistyped serials away from the database.
 */
export function parseSerial(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const serial = normaliseSerial(input);
  if (serial.length !== SERIAL_LENGTH) return null;
  for (const ch of serial) if (!VALUE.has(ch)) return null;
  return checkCharacter(serial.slice(0, SERIAL_DATA_LENGTH)) === serial[SERIAL_DATA_LENGTH] ? serial : null;
}

/** For people: `ABCD EFGH JKMN P2` (groups of four). */
export function formatSerial(serial: string): string {
  return serial.replace(/(.{4})(?=.)/g, '$1 ');
}

type RandomSource = Partial<Pick<Crypto, 'randomUUID' | 'getRandomValues'>>;

/**
 * A new diary entry's id, made on the device when the entry is written (also offline): the server stores an entry
 * once per id, so sending it again (a retry, the offline outbox replaying it) is always safe. `crypto.randomUUID()`
 * where the browser has it; it exists only in secure contexts (https, localhost), so over plain http on a phone the
 * same version-4 UUID is built from `crypto.getRandomValues`.
 */
export function newClientId(source: RandomSource = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  if (typeof source.getRandomValues !== 'function') throw new Error('no secure random source on this device');
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What one printed stamp label shows. */
export interface StampLabel {
  serial: string;
  /** Encoded in the QR code (error correction M). */
  url: string;
  productName: string;
  producerName: string;
  lotCode?: string;
}

/** Longest URL accepted (stamp URLs are 40–90 characters; 200 ASCII characters already need a version-10 symbol). */
const MAX_URL_LENGTH = 200;

/** Throws a TypeError naming the label (its place in the input) and what is wrong with it. */
export function checkLabel(label: StampLabel, index: number): void {
  const bad = (what: string) => new TypeError(`label ${index}: ${what}`);
  if (!label || typeof label !== 'object') throw bad('not a label');
  if (typeof label.serial !== 'string' || label.serial.length === 0 || label.serial.length > 40) throw bad('serial must be 1–40 characters');
  if (typeof label.url !== 'string' || label.url.length === 0 || label.url.length > MAX_URL_LENGTH) {
    throw bad(`url must be 1–${MAX_URL_LENGTH} characters`);
  }
  if (typeof label.productName !== 'string' || typeof label.producerName !== 'string') throw bad('productName and producerName are required');
  if (label.lotCode !== undefined && label.lotCode !== null && typeof label.lotCode !== 'string') throw bad('lotCode must be a string');
}

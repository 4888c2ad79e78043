import { crc16Hex } from './crc';

/** NAPAS's globally unique identifier for VietQR (field 38, sub-field 00). */
export const NAPAS_GUID = 'A000000727';
/** Service code: transfer to an account (QRIBFTTA) or to a card (QRIBFTTC). */
export type VietQrService = 'QRIBFTTA' | 'QRIBFTTC';
export const VIETQR_PURPOSE_MAX = 25;

export class VietQrError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'VietQrError';
  }
}

export interface VietQrInput {
  /** The bank's 6-digit NAPAS BIN (e.g. 970415 VietinBank). */
  bankBin: string;
  /** The receiving account number (or card number with service QRIBFTTC). */
  accountNumber: string;
  /** Whole đồng, > 0. With an amount the QR is dynamic (single payment) unless `initiation` says otherwise. */
  amountVnd?: number;
  /** Transfer content (field 62-08): diacritics stripped, ≤ 25 printable ASCII characters. Put the order code here. */
  purpose?: string;
  /** `static` (11, reusable) or `dynamic` (12, this payment). Default: dynamic when there is an amount. */
  initiation?: 'static' | 'dynamic';
  /** Default QRIBFTTA (to an account). */
  service?: VietQrService;
}

export interface VietQrData {
  initiation: 'static' | 'dynamic';
  bankBin: string;
  accountNumber: string;
  service: VietQrService;
  currency: string;
  amountVnd: number | null;
  country: string;
  purpose: string | null;
  crc: string;
}

/** Vietnamese → ASCII ("ủng hộ lũ lụt" → "ung ho lu lut"): strips diacritics, đ → d, drops other non-ASCII. */
export function toAsciiText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const tlv = (id: string, value: string): string => {
  if (value.length > 99) throw new VietQrError('too_long', `Field ${id} is longer than 99 characters`, id);
  return id + String(value.length).padStart(2, '0') + value;
};

/** Builds the EMVCo merchant-presented payload a banking app scans (CRC included). */
export function buildVietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new VietQrError('invalid_bank_bin', 'bankBin must be 6 digits', 'bankBin');
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNumber)) {
    throw new VietQrError('invalid_account_number', 'accountNumber must be 1–19 letters or digits', 'accountNumber');
  }
  const amount = input.amountVnd;
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0 || String(amount).length > 13)) {
    throw new VietQrError('invalid_amount', 'amountVnd must be a positive whole number of đồng (≤ 13 digits)', 'amountVnd');
  }
  let purpose: string | undefined;
  if (input.purpose !== undefined) {
    purpose = toAsciiText(input.purpose);
    if (purpose.length === 0 || purpose.length > VIETQR_PURPOSE_MAX) {
      throw new VietQrError('invalid_purpose', `purpose must be 1–${VIETQR_PURPOSE_MAX} ASCII characters once diacritics are removed`, 'purpose');
    }
  }
  const initiation = input.initiation ?? (amount === undefined ? 'static' : 'dynamic');
  const service = input.service ?? 'QRIBFTTA';
  if (service !== 'QRIBFTTA' && service !== 'QRIBFTTC') throw new VietQrError('invalid_service', 'service must be QRIBFTTA or QRIBFTTC', 'service');
  const body =
    tlv('00', '01') +
    tlv('01', initiation === 'dynamic' ? '12' : '11') +
    tlv('38', tlv('00', NAPAS_GUID) + tlv('01', tlv('00', input.bankBin) + tlv('01', input.accountNumber)) + tlv('02', service)) +
    tlv('53', '704') +
    (amount === undefined ? '' : tlv('54', String(amount))) +
    tlv('58', 'VN') +
    (purpose === undefined ? '' : tlv('62', tlv('08', purpose))) +
    '6304';
  return body + crc16Hex(body);
}

/** Reads `ID(2) LEN(2) VALUE` fields; throws on a truncated or malformed list. */
export function parseTlv(text: string, where = 'payload'): Map<string, string> {
  const fields = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const id = text.slice(i, i + 2);
    const lenText = text.slice(i + 2, i + 4);
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(lenText)) throw new VietQrError('malformed', `Malformed field at ${i} in ${where}`, id);
    const len = Number(lenText);
    const value = text.slice(i + 4, i + 4 + len);
    if (value.length !== len) throw new VietQrError('malformed', `Field ${id} is truncated in ${where}`, id);
    if (fields.has(id)) throw new VietQrError('malformed', `Field ${id} appears twice in ${where}`, id);
    fields.set(id, value);
    i += 4 + len;
  }
  return fields;
}

/** Parses and validates a VietQR payload (CRC, structure, NAPAS fields); throws `VietQrError`. */
export function parseVietQrPayload(payload: string): VietQrData {
  if (typeof payload !== 'string' || payload.length < 8) throw new VietQrError('malformed', 'Not a VietQR payload');
  const crcAt = payload.length - 8;
  if (payload.slice(crcAt, crcAt + 4) !== '6304') throw new VietQrError('malformed', 'The CRC field 63 must come last', '63');
  const crc = payload.slice(crcAt + 4);
  if (crc16Hex(payload.slice(0, crcAt + 4)) !== crc.toUpperCase()) throw new VietQrError('bad_crc', 'The CRC does not match', '63');
  const fields = parseTlv(payload.slice(0, crcAt));
  const need = (map: Map<string, string>, id: string, where: string): string => {
    const value = map.get(id);
    if (value === undefined) throw new VietQrError('missing_field', `Field ${where} is missing`, where);
    return value;
  };
  if (need(fields, '00', '00') !== '01') throw new VietQrError('unsupported', 'Payload format indicator must be 01', '00');
  const init = need(fields, '01', '01');
  if (init !== '11' && init !== '12') throw new VietQrError('unsupported', 'Point of initiation must be 11 or 12', '01');
  const merchant = parseTlv(need(fields, '38', '38'), 'field 38');
  if (need(merchant, '00', '38.00') !== NAPAS_GUID) throw new VietQrError('unsupported', 'Not a NAPAS (VietQR) payload', '38.00');
  const beneficiary = parseTlv(need(merchant, '01', '38.01'), 'field 38.01');
  const bankBin = need(beneficiary, '00', '38.01.00');
  const accountNumber = need(beneficiary, '01', '38.01.01');
  if (!/^\d{6}$/.test(bankBin)) throw new VietQrError('invalid_bank_bin', 'The bank BIN must be 6 digits', '38.01.00');
  const service = need(merchant, '02', '38.02');
  if (service !== 'QRIBFTTA' && service !== 'QRIBFTTC') throw new VietQrError('unsupported', 'Unknown service code', '38.02');
  const currency = need(fields, '53', '53');
  if (currency !== '704') throw new VietQrError('unsupported', 'Currency must be 704 (VND)', '53');
  const amountText = fields.get('54');
  if (amountText !== undefined && !/^[1-9]\d{0,12}$/.test(amountText)) throw new VietQrError('invalid_amount', 'The amount must be whole đồng', '54');
  const country = need(fields, '58', '58');
  const additional = fields.get('62');
  const purpose = additional === undefined ? null : (parseTlv(additional, 'field 62').get('08') ?? null);
  return {
    initiation: init === '12' ? 'dynamic' : 'static',
    bankBin,
    accountNumber,
    service,
    currency,
    amountVnd: amountText === undefined ? null : Number(amountText),
    country,
    purpose,
    crc: crc.toUpperCase(),
  };
}

/** `{ valid: true, data }` or `{ valid: false, code, message }`, never throws. */
export function validateVietQrPayload(payload: string): { valid: true; data: VietQrData } | { valid: false; code: string; message: string } {
  try {
    return { valid: true, data: parseVietQrPayload(payload) };
  } catch (error) {
    if (error instanceof VietQrError) return { valid: false, code: error.code, message: error.message };
    throw error;
  }
}

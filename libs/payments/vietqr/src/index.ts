export { crc16CcittFalse, crc16Hex } from './lib/crc';
export {
  NAPAS_GUID,
  VIETQR_PURPOSE_MAX,
  VietQrError,
  buildVietQrPayload,
  parseTlv,
  parseVietQrPayload,
  toAsciiText,
  validateVietQrPayload,
} from './lib/vietqr';
export type { VietQrData, VietQrInput, VietQrService } from './lib/vietqr';

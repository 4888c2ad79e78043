/** Vietnamese mobile numbers: 0[35789] followed by 8 digits, also written +84… or 84…. */
const MOBILE = /^0[35789]\d{8}$/;

/** Returns the national form "0912345678", or null when the text is not a Vietnamese mobile number. */
export function normalizeVnMobile(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  let national = compact;
  if (compact.startsWith('+84')) national = `0${compact.slice(3)}`;
  else if (compact.startsWith('84') && compact.length === 11) national = `0${compact.slice(2)}`;
  return MOBILE.test(national) ? national : null;
}

/** "091****678": enough for a person to recognise their number, not enough to call it. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '***';
  return `${phone.slice(0, 3)}****${phone.slice(-3)}`;
}

/** A citizen ID (CCCD) is exactly 12 digits; since 1 July 2025 it is also a household business's tax code. */
export const CITIZEN_ID_PATTERN = /^\d{12}$/;

import { randomInt } from 'node:crypto';

/** Upper-case ASCII without look-alikes (no 0/O, 1/I/L, U): safe to read aloud and to type from a bank app. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCode(prefix: string, length = 10): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return out;
}

/** `DH` + 10: an order (đơn hàng). */
export function newOrderCode(): string {
  return randomCode('DH');
}

/** `TT` + 10: a checkout (thanh toán); the VietQR purpose and the VNPay OrderInfo. */
export function newCheckoutCode(): string {
  return randomCode('TT');
}

export const ORDER_CODE_PATTERN = /^DH[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/;
export const CHECKOUT_CODE_PATTERN = /^TT[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/;

/**
 * Vietnamese text → plain ASCII for `vnp_OrderInfo` ("Thanh toán đơn hàng" → "Thanh toan don hang"): strips
 * diacritics, maps đ/Đ, drops anything else outside printable ASCII, collapses spaces.
 */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** VND has no minor unit: every amount in the system is an integer number of đồng. */
export function isWholeDong(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount >= 0;
}

/** "120.000 ₫" — Vietnamese grouping with dots, the đồng sign after the number. */
export function formatVnd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = Math.abs(Math.trunc(amount)).toString();
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

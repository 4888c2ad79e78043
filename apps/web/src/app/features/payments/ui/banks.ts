/** Names of the banks people know by their VietQR BIN (NAPAS); an unknown BIN is shown as it is. */
const BANKS: Record<string, string> = {
  '970436': 'Vietcombank',
  '970418': 'BIDV',
  '970415': 'VietinBank',
  '970405': 'Agribank',
  '970422': 'MB Bank',
  '970407': 'Techcombank',
  '970416': 'ACB',
  '970432': 'VPBank',
  '970423': 'TPBank',
  '970403': 'Sacombank',
  '970437': 'HDBank',
  '970441': 'VIB',
  '970443': 'SHB',
  '970448': 'OCB',
};

export function bankName(bin: string): string {
  return BANKS[bin] ?? `BIN ${bin}`;
}

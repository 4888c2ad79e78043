import { zeroFigures } from './figures';
import { formatChange, formatNumber, formatTonnes, periodPhrase, summaryParagraph } from './format';
import { parsePeriod, rangePeriod } from './periods';

describe('number formatting', () => {
  it('groups thousands with dots in Vietnamese and commas in English', () => {
    expect(formatNumber(1354)).toBe('1.354');
    expect(formatNumber(180000)).toBe('180.000');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(-12500)).toBe('-12.500');
    expect(formatNumber(0)).toBe('0');
  });

  it('writes decimals with a comma in Vietnamese', () => {
    expect(formatNumber(37.46, 'vi', 1)).toBe('37,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
    expect(formatTonnes(37_250_000)).toBe('37,3');
  });

  it('states the change against the previous period', () => {
    expect(formatChange(110, 100)).toBe('+10%');
    expect(formatChange(90, 120)).toBe('-25%');
    expect(formatChange(1, 3, 'en')).toBe('-66.7%');
    expect(formatChange(5, 0)).toBeNull();
  });
});

describe('the summary paragraph', () => {
  const values = {
    ...zeroFigures(),
    households_trained: 1354,
    accounts_created: 653,
    accounts_created_agent: 512,
    sellers_verified: 600,
    products_listed: 1029,
    ocop_listed: 48,
    orders_sold: 2993,
    weight_grams: 37_400_000,
    revenue_vnd: 1_250_000_000,
    stamps_issued: 180000,
    stamps_scanned: 4321,
  };

  it('opens like a provincial report, in Vietnamese', () => {
    const text = summaryParagraph({ period: parsePeriod('month', '2026-11')!, values, locale: 'vi' });
    expect(text.startsWith('Trong tháng 11/2026, toàn tỉnh đã tập huấn cho 1.354 hộ, tạo tài khoản người bán cho 653 hộ')).toBe(true);
    expect(text).toContain('1.029 sản phẩm');
    expect(text).toContain('bán được 2.993 đơn hàng, hơn 37 tấn nông sản, doanh thu 1.250.000.000 đồng');
    expect(text).toContain('phát hành 180.000 tem');
    expect(text.endsWith('.')).toBe(true);
  });

  it('has an English variant', () => {
    const text = summaryParagraph({ period: parsePeriod('month', '2026-11')!, values, locale: 'en' });
    expect(text.startsWith('In November 2026, the province trained 1,354 households')).toBe(true);
    expect(text).toContain('over 37 tonnes of farm produce');
  });

  it('names a commune and other periods', () => {
    const text = summaryParagraph({ period: parsePeriod('quarter', '2026-Q4')!, values: zeroFigures(), locale: 'vi', placeName: 'Xã Ba Bể' });
    expect(text.startsWith('Trong quý IV/2026, Xã Ba Bể đã tập huấn cho 0 hộ')).toBe(true);
    expect(periodPhrase(rangePeriod('2026-11-01', '2026-11-15')!, 'vi')).toBe('từ 01/11/2026 đến 15/11/2026');
    expect(periodPhrase(parsePeriod('week', '2026-W48')!, 'vi')).toBe('tuần 48/2026 (23/11–29/11/2026)');
    expect(summaryParagraph({ period: rangePeriod('2026-11-01', '2026-11-15')!, values: zeroFigures(), locale: 'vi' }).startsWith('Từ 01/11/2026 đến 15/11/2026, toàn tỉnh')).toBe(true);
  });

  it('says "exactly" for whole tonnes and gives a decimal below one tonne', () => {
    expect(summaryParagraph({ period: parsePeriod('year', '2026')!, values: { ...zeroFigures(), weight_grams: 2_000_000 }, locale: 'vi' })).toContain(', 2 tấn nông sản');
    expect(summaryParagraph({ period: parsePeriod('year', '2026')!, values: { ...zeroFigures(), weight_grams: 400_000 }, locale: 'vi' })).toContain('0,4 tấn');
  });
});

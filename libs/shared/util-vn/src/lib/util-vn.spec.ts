import { foldVietnamese, searchTokens } from './text';
import { formatVnd, isWholeDong } from './money';
import { addMonthsUtc, formatVnDateTime, vnDayKey, vnDayStart } from './time';
import { maskPhone, normalizeVnMobile } from './phone';

describe('foldVietnamese', () => {
  it('folds diacritics, case and đ so that all spellings of a name meet', () => {
    expect(foldVietnamese('Chè Thái Nguyên')).toBe('che thai nguyen');
    expect(foldVietnamese('CHE THAI NGUYEN')).toBe('che thai nguyen');
    expect(foldVietnamese('Đặc sản Đồng Hỷ')).toBe('dac san dong hy');
  });
  it('folds decomposed (NFD) input the same as precomposed input', () => {
    expect(foldVietnamese('Chè'.normalize('NFD'))).toBe(foldVietnamese('Chè'));
  });
  it('splits punctuation into word breaks', () => {
    expect(searchTokens('Mật ong (rừng) - 500g')).toEqual(['mat', 'ong', 'rung', '500g']);
    expect(searchTokens('   ')).toEqual([]);
  });
});

describe('money', () => {
  it('formats đồng with dot grouping and the sign after', () => {
    expect(formatVnd(120000)).toBe('120.000 ₫');
    expect(formatVnd(0)).toBe('0 ₫');
    expect(formatVnd(1234567890)).toBe('1.234.567.890 ₫');
  });
  it('accepts only whole non-negative đồng', () => {
    expect(isWholeDong(1000)).toBe(true);
    expect(isWholeDong(10.5)).toBe(false);
    expect(isWholeDong(-1)).toBe(false);
  });
});

describe('Vietnam time', () => {
  it('puts 20:00 UTC on the next Vietnam day', () => {
    expect(vnDayKey(new Date('2026-11-21T20:00:00Z'))).toBe('2026-11-22');
    expect(vnDayKey(new Date('2026-11-21T16:59:59Z'))).toBe('2026-11-21');
  });
  it('starts a Vietnam day at 17:00 UTC the day before', () => {
    expect(vnDayStart('2026-11-22').toISOString()).toBe('2026-11-21T17:00:00.000Z');
    expect(formatVnDateTime(new Date('2026-11-21T17:05:00Z'))).toBe('22/11/2026 00:05');
  });
  it('adds months clamping to the end of shorter months', () => {
    expect(addMonthsUtc(new Date('2023-11-30T00:00:00Z'), 36).toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(addMonthsUtc(new Date('2024-01-31T00:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2024-02-29');
  });
});

describe('phones', () => {
  it('accepts Vietnamese mobiles in +84, 84 and 0 forms', () => {
    expect(normalizeVnMobile('+84 912 345 678')).toBe('0912345678');
    expect(normalizeVnMobile('84912345678')).toBe('0912345678');
    expect(normalizeVnMobile('0387.654.321')).toBe('0387654321');
  });
  it('rejects landlines and wrong lengths', () => {
    expect(normalizeVnMobile('0212345678')).toBeNull();
    expect(normalizeVnMobile('091234567')).toBeNull();
    expect(normalizeVnMobile('abc')).toBeNull();
  });
  it('masks the middle of a number', () => {
    expect(maskPhone('0912345678')).toBe('091****678');
  });
});

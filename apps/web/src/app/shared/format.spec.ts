import { formatWeight } from './format';

describe('formatWeight', () => {
  it('uses grams below a kilo and kilos with a decimal comma above', () => {
    expect(formatWeight(500)).toBe('500 g');
    expect(formatWeight(1000)).toBe('1 kg');
    expect(formatWeight(1500)).toBe('1,5 kg');
    expect(formatWeight(2250)).toBe('2,25 kg');
  });
});

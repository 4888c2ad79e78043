import { candidateCodes, sameSecret } from './transfer-matching';

describe('bank feed helpers', () => {
  it('finds checkout codes in the content whatever the case and the noise around them, the feed\'s own code first', () => {
    expect(candidateCodes({ content: 'MBVCB.3278.NGUYEN VAN A chuyen tien tt8k2m4pqrst FT26335', code: null })).toEqual(['TT8K2M4PQRST']);
    expect(candidateCodes({ content: 'TT8K2M4PQRST TTABCDEFGHJK', code: 'TTABCDEFGHJK' })).toEqual(['TTABCDEFGHJK', 'TT8K2M4PQRST']);
    expect(candidateCodes({ content: 'chuyen tien mua che', code: undefined })).toEqual([]);
    expect(candidateCodes({ content: 'TT12345', code: null })).toEqual([]);
  });

  it('compares the API key in constant time, refusing any other key', () => {
    expect(sameSecret('a-key-of-24-characters-x', 'a-key-of-24-characters-x')).toBe(true);
    expect(sameSecret('a-key-of-24-characters-y', 'a-key-of-24-characters-x')).toBe(false);
    expect(sameSecret('', 'a-key-of-24-characters-x')).toBe(false);
    expect(sameSecret('a-key-of-24-characters-x-and-more', 'a-key-of-24-characters-x')).toBe(false);
  });
});

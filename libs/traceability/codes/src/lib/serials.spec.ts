import { SERIAL_ALPHABET, SERIAL_LENGTH, checkCharacter, formatSerial, newSerials, normaliseSerial, parseSerial } from './serials';

describe('stamp serials', () => {
  const serials = newSerials(20_000);

  it('are 14 characters of the look-alike-free alphabet, all distinct, each with a valid check character', () => {
    expect(new Set(serials).size).toBe(serials.length);
    for (const s of serials) {
      expect(s).toHaveLength(SERIAL_LENGTH);
      expect([...s].every((ch) => SERIAL_ALPHABET.includes(ch))).toBe(true);
      expect(parseSerial(s)).toBe(s);
    }
    expect(SERIAL_ALPHABET).not.toMatch(/[01OIL]/);
    expect(SERIAL_ALPHABET).toHaveLength(31);
  });

  it('carry at least 60 bits of randomness: every character position uses the whole alphabet about evenly', () => {
    expect(13 * Math.log2(SERIAL_ALPHABET.length)).toBeGreaterThanOrEqual(60);
    for (let pos = 0; pos < 13; pos++) {
      const counts = new Map<string, number>();
      for (const s of serials) counts.set(s[pos]!, (counts.get(s[pos]!) ?? 0) + 1);
      expect(counts.size).toBe(31);
      // 20,000 / 31 ≈ 645 per character; a biased generator (e.g. byte % 31 without rejection) skews the first 8.
      for (const n of counts.values()) expect(Math.abs(n - 645)).toBeLessThan(130);
    }
  });

  it('refuse every single-character mistake and every swap of two different characters', () => {
    for (const s of serials.slice(0, 200)) {
      for (let i = 0; i < SERIAL_LENGTH; i++) {
        for (const ch of SERIAL_ALPHABET) {
          if (ch === s[i]) continue;
          expect(parseSerial(s.slice(0, i) + ch + s.slice(i + 1))).toBeNull();
        }
        for (let j = i + 1; j < SERIAL_LENGTH; j++) {
          if (s[i] === s[j]) continue;
          const swapped = [...s];
          [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
          expect(parseSerial(swapped.join(''))).toBeNull();
        }
      }
    }
  });

  it('read what people type: lower case, spaces and dashes; refuse other lengths and characters', () => {
    const s = serials[0]!;
    expect(parseSerial(formatSerial(s).toLowerCase())).toBe(s);
    expect(parseSerial(s.slice(0, 7) + '-' + s.slice(7))).toBe(s);
    expect(formatSerial(s)).toMatch(/^\S{4} \S{4} \S{4} \S{2}$/);
    expect(parseSerial(s.slice(1))).toBeNull();
    expect(parseSerial(s + '2')).toBeNull();
    expect(parseSerial(s.slice(0, 13) + '0')).toBeNull();
    expect(parseSerial('')).toBeNull();
    expect(parseSerial('x'.repeat(41))).toBeNull();
    expect(normaliseSerial(' ab-cd ')).toBe('ABCD');
  });

  it('compute the check character from the weighted sum modulo 31', () => {
    const data = '23456789ABCDE';
    const sum = [...data].reduce((t, ch, i) => t + (i + 1) * SERIAL_ALPHABET.indexOf(ch), 0);
    const c = SERIAL_ALPHABET.indexOf(checkCharacter(data));
    expect((sum + 14 * c) % 31).toBe(0);
    expect(() => checkCharacter('SHORT')).toThrow();
  });
});

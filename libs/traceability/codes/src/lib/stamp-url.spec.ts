import { gtinCheckDigit, isValidGtin, toGtin14 } from './gtin';
import { newSerial } from './serials';
import { parseStampPath, stampUrl, stampUrlFactory } from './stamp-url';

describe('GTIN check digits', () => {
  it('accept real GTINs and refuse a wrong check digit', () => {
    expect(isValidGtin('8935049500407')).toBe(true); // a GTIN-13 with GS1 Vietnam's 893 prefix
    expect(isValidGtin('08935049500407')).toBe(true);
    expect(isValidGtin('8935049500408')).toBe(false);
    expect(isValidGtin('96385074')).toBe(true); // GTIN-8 example of the GS1 General Specifications
    expect(isValidGtin('12345')).toBe(false);
    expect(gtinCheckDigit('893504950040')).toBe(7);
    expect(toGtin14('8935049500407')).toBe('08935049500407');
    expect(toGtin14('8935049500400')).toBeNull();
  });
});

describe('stamp URLs', () => {
  const serial = newSerial();

  it('are GS1 Digital Links with a GTIN and a lot code, /t/<serial> without', () => {
    expect(stampUrl({ baseUrl: 'https://nongsanso.vn/', serial, gtin: '8935049500407', lotCode: 'L2026-11' })).toBe(
      `https://nongsanso.vn/01/08935049500407/10/L2026-11/21/${serial}`,
    );
    expect(stampUrl({ baseUrl: 'http://localhost:4200', serial })).toBe(`http://localhost:4200/t/${serial}`);
    expect(stampUrl({ baseUrl: 'https://nongsanso.vn', serial, gtin: null, lotCode: 'L1' })).toBe(`https://nongsanso.vn/t/${serial}`);
  });

  it('refuse a wrong GTIN, a bad lot code, a bad serial or a non-http base', () => {
    expect(() => stampUrl({ baseUrl: 'https://x.vn', serial, gtin: '8935049500408', lotCode: 'L1' })).toThrow(/GTIN/);
    expect(() => stampUrl({ baseUrl: 'https://x.vn', serial, gtin: '8935049500407', lotCode: 'lô 1' })).toThrow(/lot/);
    expect(() => stampUrl({ baseUrl: 'https://x.vn', serial: 'ABC' })).toThrow(/serial/);
    expect(() => stampUrl({ baseUrl: 'javascript:alert(1)', serial })).toThrow();
  });

  it('are made for a whole batch by one factory, identical to one by one', () => {
    const make = stampUrlFactory({ baseUrl: 'https://nongsanso.vn', gtin: '8935049500407', lotCode: 'L2026-11' });
    const other = newSerial();
    expect(make(other)).toBe(stampUrl({ baseUrl: 'https://nongsanso.vn', serial: other, gtin: '8935049500407', lotCode: 'L2026-11' }));
    expect(stampUrlFactory({ baseUrl: 'https://nongsanso.vn' })(other)).toBe(`https://nongsanso.vn/t/${other}`);
  });

  it('are read back from the path of either form; a wrong check digit or character is not a stamp', () => {
    expect(parseStampPath(`/t/${serial}`)).toEqual({ serial, gtin: null, lotCode: null });
    expect(parseStampPath(`/t/${serial.toLowerCase()}`)).toEqual({ serial, gtin: null, lotCode: null });
    expect(parseStampPath(`/01/08935049500407/10/L2026-11/21/${serial}?lang=en`)).toEqual({ serial, gtin: '08935049500407', lotCode: 'L2026-11' });
    expect(parseStampPath(`/01/08935049500408/10/L2026-11/21/${serial}`)).toBeNull();
    const wrong = serial.slice(0, 13) + (serial[13] === '2' ? '3' : '2');
    expect(parseStampPath(`/t/${wrong}`)).toBeNull();
    expect(parseStampPath('/t/')).toBeNull();
    expect(parseStampPath('/products/1')).toBeNull();
    expect(parseStampPath(`/01/08935049500407/21/${serial}`)).toEqual({ serial, gtin: '08935049500407', lotCode: null });
  });
});

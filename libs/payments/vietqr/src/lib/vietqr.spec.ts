import { VietQrError, buildVietQrPayload, crc16CcittFalse, crc16Hex, parseVietQrPayload, toAsciiText, validateVietQrPayload } from '../index';

const VECTOR =
  '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';

describe('CRC-16/CCITT-FALSE', () => {
  it('has the standard check value and known values', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(crc16CcittFalse('')).toBe(0xffff);
    expect(crc16Hex('A')).toBe('B915');
  });
});

describe('buildVietQrPayload', () => {
  it('produces the published vector (BIN 970415, account 0011001932418, 120 000 đ, "ung ho lu lut")', () => {
    expect(buildVietQrPayload({ bankBin: '970415', accountNumber: '0011001932418', amountVnd: 120_000, purpose: 'ung ho lu lut' })).toBe(VECTOR);
  });

  it('strips diacritics from the purpose (same payload as the vector)', () => {
    expect(buildVietQrPayload({ bankBin: '970415', accountNumber: '0011001932418', amountVnd: 120_000, purpose: 'ủng hộ lũ lụt' })).toBe(VECTOR);
    expect(toAsciiText('Đơn TTABC — Nông sản')).toBe('Don TTABC Nong san');
  });

  it('static without an amount or purpose', () => {
    const payload = buildVietQrPayload({ bankBin: '970436', accountNumber: '1234567890' });
    expect(payload).toMatch(/^000201010211/);
    expect(parseVietQrPayload(payload)).toMatchObject({ initiation: 'static', amountVnd: null, purpose: null });
  });

  it.each([
    [{ bankBin: '97041' }, 'bankBin'],
    [{ accountNumber: '' }, 'accountNumber'],
    [{ accountNumber: '12 34' }, 'accountNumber'],
    [{ amountVnd: 0 }, 'amountVnd'],
    [{ amountVnd: 1000.5 }, 'amountVnd'],
    [{ amountVnd: -1 }, 'amountVnd'],
    [{ purpose: 'x'.repeat(26) }, 'purpose'],
    [{ purpose: '   ' }, 'purpose'],
  ])('refuses %j', (over, field) => {
    const build = () => buildVietQrPayload({ bankBin: '970415', accountNumber: '0011001932418', amountVnd: 1000, purpose: 'TT123', ...over });
    expect(build).toThrow(VietQrError);
    try {
      build();
    } catch (error) {
      expect((error as VietQrError).field).toBe(field);
    }
  });
});

describe('parseVietQrPayload', () => {
  it('reads the vector', () => {
    expect(parseVietQrPayload(VECTOR)).toEqual({
      initiation: 'dynamic',
      bankBin: '970415',
      accountNumber: '0011001932418',
      service: 'QRIBFTTA',
      currency: '704',
      amountVnd: 120_000,
      country: 'VN',
      purpose: 'ung ho lu lut',
      crc: 'C15C',
    });
  });

  it('round-trips', () => {
    for (const input of [
      { bankBin: '970422', accountNumber: '0987654321', amountVnd: 1, purpose: 'TTABCDEFGH23' },
      { bankBin: '970405', accountNumber: 'ABC123', amountVnd: 9_999_999_999_999, purpose: 'x'.repeat(25) },
      { bankBin: '970418', accountNumber: '1', amountVnd: 350_000, purpose: 'Thanh toán TT9 đơn' },
    ]) {
      const data = parseVietQrPayload(buildVietQrPayload(input));
      expect(data).toMatchObject({ bankBin: input.bankBin, accountNumber: input.accountNumber, amountVnd: input.amountVnd, purpose: toAsciiText(input.purpose), initiation: 'dynamic' });
    }
  });

  it('rejects a wrong CRC, an altered amount, truncation and a foreign payload', () => {
    expect(validateVietQrPayload(VECTOR.slice(0, -1) + 'D')).toMatchObject({ valid: false, code: 'bad_crc' });
    expect(validateVietQrPayload(VECTOR.replace('5406120000', '5406990000'))).toMatchObject({ valid: false, code: 'bad_crc' });
    expect(validateVietQrPayload(VECTOR.slice(10))).toMatchObject({ valid: false });
    expect(validateVietQrPayload('hello')).toMatchObject({ valid: false, code: 'malformed' });
    const body = '000201010212' + '2620' + '0010A000000999' + '0102XY' + '5303704' + '5802VN' + '6304';
    expect(validateVietQrPayload(body + crc16Hex(body))).toMatchObject({ valid: false, code: 'missing_field' });
    const truncated = '00020101021238990010A000000727' + '6304';
    expect(validateVietQrPayload(truncated + crc16Hex(truncated))).toMatchObject({ valid: false, code: 'malformed' });
    expect(validateVietQrPayload(VECTOR)).toMatchObject({ valid: true });
  });
});

import { randomBytes } from 'node:crypto';
import { openTotpSecret, parseTotpKey, sealTotpSecret } from './totp-secret-box';

describe('TOTP secret box', () => {
  const key = randomBytes(32);
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('stores no readable trace of the secret and opens it again with the key', () => {
    const sealed = sealTotpSecret(secret, key);
    expect(sealed).not.toContain(secret);
    expect(openTotpSecret(sealed, key)).toBe(secret);
  });

  it('gives two different stored values for the same secret (fresh nonce)', () => {
    expect(sealTotpSecret(secret, key)).not.toBe(sealTotpSecret(secret, key));
  });

  it('refuses another key and any altered value', () => {
    const sealed = sealTotpSecret(secret, key);
    expect(openTotpSecret(sealed, randomBytes(32))).toBeNull();
    const parts = sealed.split('.');
    parts[2] = Buffer.from('tampered').toString('base64url');
    expect(openTotpSecret(parts.join('.'), key)).toBeNull();
    expect(openTotpSecret('garbage', key)).toBeNull();
  });

  it('accepts a key as hex or base64 and refuses a short one', () => {
    expect(parseTotpKey(key.toString('hex'))).toEqual(key);
    expect(parseTotpKey(key.toString('base64'))).toEqual(key);
    expect(() => parseTotpKey(randomBytes(16).toString('hex'))).toThrow('32 bytes');
  });
});

import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@nss/server-core';
import { CitizenIdCipher } from './citizen-id-cipher';

const cipherWith = (key: Buffer) =>
  new CitizenIdCipher({ CITIZEN_ID_ENCRYPTION_KEY: key.toString('base64'), JWT_ACCESS_SECRET: 'x'.repeat(40) } as AppConfig);

describe('CitizenIdCipher', () => {
  const citizenId = '019175000205';
  const key = randomBytes(32);

  it('stores no trace of the ID and gives it back with the key', () => {
    const cipher = cipherWith(key);
    const sealed = cipher.seal(citizenId);
    expect(sealed).not.toContain(citizenId);
    expect(sealed).not.toContain(citizenId.slice(-4));
    expect(cipher.seal(citizenId)).not.toBe(sealed); // a fresh IV each time: equal IDs do not look equal
    expect(cipher.open(sealed)).toBe(citizenId);
  });

  it('refuses another key and a tampered value', () => {
    const sealed = cipherWith(key).seal(citizenId);
    expect(() => cipherWith(randomBytes(32)).open(sealed)).toThrow();
    const [version, iv, tag, data] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => cipherWith(key).open([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => cipherWith(key).open(citizenId)).toThrow();
  });
});

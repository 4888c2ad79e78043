import { randomBytes } from 'node:crypto';
import { openSealedText, sealText } from './sealed-text';

describe('sealed text (AES-256-GCM at rest)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and never shows the plaintext in the sealed form', () => {
    const sealed = sealText(key, '012345678901', 'seller-1');
    expect(sealed).not.toContain('012345678901');
    expect(sealText(key, '012345678901', 'seller-1')).not.toBe(sealed); // a fresh IV each time
    expect(openSealedText(key, sealed, 'seller-1')).toBe('012345678901');
  });

  it('refuses another key, another context and any altered part', () => {
    const sealed = sealText(key, 'secret', 'message-1');
    expect(() => openSealedText(randomBytes(32), sealed, 'message-1')).toThrow();
    expect(() => openSealedText(key, sealed, 'message-2')).toThrow();
    expect(() => openSealedText(key, sealed)).toThrow();
    const [v, iv, tag, data] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => openSealedText(key, [v, iv, tag, flipped.toString('base64url')].join('.'), 'message-1')).toThrow();
    expect(() => openSealedText(key, 'v2.a.b.c', 'message-1')).toThrow('Not a sealed value');
  });
});

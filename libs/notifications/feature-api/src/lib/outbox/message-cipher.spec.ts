import { randomBytes } from 'node:crypto';
import { MessageCipher } from './message-cipher';

describe('MessageCipher (AES-256-GCM of template parameters)', () => {
  const cipher = MessageCipher.withKey(randomBytes(32));

  it('round-trips the parameters and never shows the code in the stored text', () => {
    const sealed = cipher.encrypt({ otp: '493817' }, 'm1');
    expect(sealed).not.toContain('493817');
    expect(Buffer.from(sealed.split('.')[3] ?? '', 'base64url').toString('utf8')).not.toContain('493817');
    expect(cipher.decrypt(sealed, 'm1')).toEqual({ otp: '493817' });
  });

  it('gives a different text for the same parameters each time (random IV)', () => {
    expect(cipher.encrypt({ otp: '111111' }, 'm1')).not.toBe(cipher.encrypt({ otp: '111111' }, 'm1'));
  });

  it('refuses a text altered, moved to another message, or sealed under another key', () => {
    const sealed = cipher.encrypt({ otp: '493817' }, 'm1');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    const altered = [parts[0], parts[1], parts[2], data.toString('base64url')].join('.');
    expect(() => cipher.decrypt(altered, 'm1')).toThrow();
    expect(() => cipher.decrypt(sealed, 'm2')).toThrow();
    expect(() => MessageCipher.withKey(randomBytes(32)).decrypt(sealed, 'm1')).toThrow();
  });
});

import { hashRefreshToken, newRefreshToken } from './refresh-token.crypto';

describe('refresh token crypto', () => {
  it('makes 32-byte base64url tokens that never repeat', () => {
    const tokens = Array.from({ length: 500 }, () => newRefreshToken());
    expect(tokens.every((t) => /^[A-Za-z0-9_-]{43}$/.test(t))).toBe(true);
    expect(Buffer.from(tokens[0] ?? '', 'base64url')).toHaveLength(32);
    expect(new Set(tokens).size).toBe(500);
  });

  it('stores the sha256 of the token', () => {
    expect(hashRefreshToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

import { lockedMessage, locksAfter, minutesToWait, rateWindow } from './lockout';

describe('lockout arithmetic', () => {
  const policy = { maxFailures: 5, lockoutSeconds: 900 };

  it('locks on the fifth consecutive failure, not before', () => {
    expect([1, 2, 3, 4].map((n) => locksAfter(n, policy))).toEqual([false, false, false, false]);
    expect(locksAfter(5, policy)).toBe(true);
    expect(locksAfter(6, policy)).toBe(true);
  });

  it('rounds the wait up to whole minutes and never says 0', () => {
    expect(minutesToWait(900_000)).toBe(15);
    expect(minutesToWait(899_001)).toBe(15);
    expect(minutesToWait(60_001)).toBe(2);
    expect(minutesToWait(1)).toBe(1);
  });

  it('says when to try again, in Vietnam time, in both languages', () => {
    const now = new Date('2026-11-22T07:00:00.000Z'); // 14:00 in Vietnam
    const { message, messageEn } = lockedMessage(15 * 60_000, now);
    expect(message).toBe('Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút (lúc 22/11/2026 14:15).');
    expect(messageEn).toContain('Try again in 15 minutes (at 22/11/2026 14:15 Vietnam time)');
    expect(lockedMessage(30_000, now).messageEn).toContain('1 minute (');
  });

  it('splits time into fixed windows and tells when the current one ends', () => {
    expect(rateWindow(120_000, 60)).toEqual({ index: 2, resetInSeconds: 60 });
    expect(rateWindow(179_500, 60)).toEqual({ index: 2, resetInSeconds: 1 });
    expect(rateWindow(150_000, 60)).toEqual({ index: 2, resetInSeconds: 30 });
  });
});

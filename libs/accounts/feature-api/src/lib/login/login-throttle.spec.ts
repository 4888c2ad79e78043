import { delayAfterFailures } from './login-throttle';

describe('sign-in delays', () => {
  const policy = { freeFailures: 3, baseDelaySeconds: 2, maxDelaySeconds: 900 };

  it('lets the first failures through without delay', () => {
    expect([0, 1, 2].map((n) => delayAfterFailures(n, policy))).toEqual([0, 0, 0]);
  });

  it('doubles the delay with every further failure', () => {
    expect([3, 4, 5, 6].map((n) => delayAfterFailures(n, policy))).toEqual([2, 4, 8, 16]);
  });

  it('never waits longer than the maximum, even after thousands of failures', () => {
    expect(delayAfterFailures(12, policy)).toBe(900);
    expect(delayAfterFailures(5000, policy)).toBe(900);
  });
});

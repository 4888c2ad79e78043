import { batchProgress } from './batch-view';

describe('stamp batch progress', () => {
  const startedAt = new Date('2026-12-01T10:00:00Z');

  it('has no estimate before the worker stored anything', () => {
    expect(batchProgress({ made: 0, quantity: 1000, status: 'approved', startedAt: null })).toEqual({ made: 0, total: 1000, percent: 0, secondsLeft: null });
    expect(batchProgress({ made: 0, quantity: 1000, status: 'generating', startedAt }, new Date('2026-12-01T10:00:05Z')).secondsLeft).toBeNull();
  });

  it('estimates the time left from the pace since the start', () => {
    // 30,000 of 180,000 in 60 s: 150,000 more at 500 a second.
    expect(batchProgress({ made: 30_000, quantity: 180_000, status: 'generating', startedAt }, new Date('2026-12-01T10:01:00Z'))).toEqual({
      made: 30_000,
      total: 180_000,
      percent: 16,
      secondsLeft: 300,
    });
  });

  it('is complete when ready, and gives no estimate for a batch no longer being made', () => {
    expect(batchProgress({ made: 500, quantity: 500, status: 'ready', startedAt })).toEqual({ made: 500, total: 500, percent: 100, secondsLeft: null });
    expect(batchProgress({ made: 200, quantity: 500, status: 'cancelled', startedAt }).secondsLeft).toBeNull();
  });
});

import { attemptIdFor } from '../outbox/message-attempt.schema';
import { Types } from 'mongoose';
import { nextStep, sameProviderDay } from './message-delivery';

describe('nextStep (what a failed try leads to)', () => {
  it('never resends by ZNS after an ambiguous timeout (Zalo does not de-duplicate): SMS instead', () => {
    expect(nextStep({ kind: 'ambiguous', error: 'zns:timeout' }, 'zns')).toBe('next-channel');
    expect(nextStep({ kind: 'ambiguous', error: 'zns:outcome unknown' }, 'zns')).toBe('next-channel');
  });

  it('retries SMS after a timeout (eSMS de-duplicates the RequestId)', () => {
    expect(nextStep({ kind: 'ambiguous', error: 'sms:timeout' }, 'sms')).toBe('retry');
  });

  it('falls back from ZNS when the phone has no Zalo or ZNS fails for good; dead-letters SMS failing for good', () => {
    expect(nextStep({ kind: 'fallback', error: 'zns:-118' }, 'zns')).toBe('next-channel');
    expect(nextStep({ kind: 'permanent', error: 'zns:-1122' }, 'zns')).toBe('next-channel');
    expect(nextStep({ kind: 'permanent', error: 'sms:99' }, 'sms')).toBe('dead');
  });

  it('retries transient errors on the same channel', () => {
    expect(nextStep({ kind: 'retry', error: 'zns:-100' }, 'zns')).toBe('retry');
    expect(nextStep({ kind: 'retry', error: 'sms:103' }, 'sms')).toBe('retry');
  });
});

describe('sameProviderDay (eSMS refuses a repeated RequestId within a day)', () => {
  it('is the same day only when both the UTC and the Vietnam dates agree', () => {
    expect(sameProviderDay(new Date('2026-12-02T01:00:00Z'), new Date('2026-12-02T16:59:59Z'))).toBe(true);
    // 17:00 UTC is midnight in Vietnam.
    expect(sameProviderDay(new Date('2026-12-02T16:59:00Z'), new Date('2026-12-02T17:01:00Z'))).toBe(false);
    expect(sameProviderDay(new Date('2026-12-02T23:59:00Z'), new Date('2026-12-03T00:01:00Z'))).toBe(false);
  });
});

describe('attemptIdFor (the RequestId / tracking_id of a message’s send on a channel)', () => {
  const message = new Types.ObjectId('6650a1b2c3d4e5f601234567');

  it('is the same for every try of a send, and differs per channel and replay generation', () => {
    const sms = attemptIdFor(message, 'sms', 0).toHexString();
    expect(attemptIdFor(message, 'sms', 0).toHexString()).toBe(sms);
    expect(attemptIdFor(message, 'zns', 0).toHexString()).not.toBe(sms);
    expect(attemptIdFor(message, 'sms', 1).toHexString()).not.toBe(sms);
    expect(attemptIdFor(new Types.ObjectId('6650a1b2c3d4e5f601234568'), 'sms', 0).toHexString()).not.toBe(sms);
    expect(sms).toMatch(/^[0-9a-f]{24}$/);
    expect(attemptIdFor(message, 'sms', 0).getTimestamp()).toEqual(message.getTimestamp());
  });
});

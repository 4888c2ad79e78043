import { nextStep } from './message-delivery';

describe('nextStep (what a failed try leads to)', () => {
  it('never resends a one-time code by ZNS after an ambiguous timeout: SMS instead', () => {
    expect(nextStep({ kind: 'ambiguous', error: 'zns:timeout' }, 'zns', true)).toBe('next-channel');
    expect(nextStep({ kind: 'ambiguous', error: 'zns:timeout' }, 'zns', false)).toBe('retry');
  });

  it('retries SMS after a timeout (eSMS de-duplicates the RequestId)', () => {
    expect(nextStep({ kind: 'ambiguous', error: 'sms:timeout' }, 'sms', true)).toBe('retry');
  });

  it('falls back from ZNS when the phone has no Zalo or ZNS fails for good; dead-letters SMS failing for good', () => {
    expect(nextStep({ kind: 'fallback', error: 'zns:-118' }, 'zns', true)).toBe('next-channel');
    expect(nextStep({ kind: 'permanent', error: 'zns:-1122' }, 'zns', true)).toBe('next-channel');
    expect(nextStep({ kind: 'permanent', error: 'sms:99' }, 'sms', true)).toBe('dead');
  });

  it('retries transient errors on the same channel', () => {
    expect(nextStep({ kind: 'retry', error: 'zns:-100' }, 'zns', true)).toBe('retry');
    expect(nextStep({ kind: 'retry', error: 'sms:103' }, 'sms', false)).toBe('retry');
  });
});

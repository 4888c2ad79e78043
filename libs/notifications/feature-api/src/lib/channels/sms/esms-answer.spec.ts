import { classifyEsmsAnswer } from './esms-answer';

describe('classifyEsmsAnswer', () => {
  it('100 is accepted with its SMSID (not delivered yet)', () => {
    expect(classifyEsmsAnswer({ CodeResult: '100', SMSID: 'abc-1' })).toEqual({ kind: 'accepted', providerMessageId: 'abc-1' });
  });

  it('124 (duplicate RequestId) means an earlier try got through: accepted, not resent', () => {
    expect(classifyEsmsAnswer({ CodeResult: '124' }).kind).toBe('accepted');
  });

  it.each([
    ['99', 'permanent'],
    ['108', 'permanent'],
    ['101', 'permanent'],
    ['104', 'permanent'],
    ['140', 'permanent'],
    ['146', 'permanent'],
    ['177', 'permanent'],
    ['103', 'retry'],
    ['999', 'retry'],
  ])('code %s → %s', (code, kind) => {
    expect(classifyEsmsAnswer({ CodeResult: code }).kind).toBe(kind);
  });

  it('alerts on our configuration and balance, not on a blocked phone', () => {
    expect(classifyEsmsAnswer({ CodeResult: '101' })).toMatchObject({ alert: true });
    expect(classifyEsmsAnswer({ CodeResult: '103' })).toMatchObject({ alert: true });
    expect(classifyEsmsAnswer({ CodeResult: '99' })).not.toHaveProperty('alert');
  });
});

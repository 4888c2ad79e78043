import { classifyZnsAnswer, znsQuotaLow } from './zns-answer';

describe('classifyZnsAnswer', () => {
  it('accepts error 0 with its msg_id, whatever else is in the body', () => {
    expect(classifyZnsAnswer({ error: 0, message: 'Success', data: { msg_id: 'a1b2c3d4e5f6a7b8c9d0' } })).toEqual({
      kind: 'accepted',
      providerMessageId: 'a1b2c3d4e5f6a7b8c9d0',
    });
  });

  it('does not call a success without msg_id delivered', () => {
    expect(classifyZnsAnswer({ error: 0, data: null }).kind).toBe('ambiguous');
  });

  it.each([
    [-100, 'retry'],
    [-124, 'refresh_token'],
    [-216, 'refresh_token'],
    [-220, 'refresh_token'],
    [-118, 'fallback'],
    [-108, 'fallback'],
    [-141, 'fallback'],
    [-115, 'fallback'],
    [-131, 'fallback'],
    [-133, 'fallback'],
    [-101, 'permanent'],
    [-1122, 'permanent'],
    [-116, 'permanent'],
  ])('error %i → %s', (code, kind) => {
    expect(classifyZnsAnswer({ error: code, message: 'x', data: null }).kind).toBe(kind);
  });

  it('asks a person to look when our own OA is blocked, not when the recipient has no Zalo', () => {
    expect(classifyZnsAnswer({ error: -115, data: null })).toMatchObject({ kind: 'fallback', alert: true });
    expect(classifyZnsAnswer({ error: -118, data: null })).not.toHaveProperty('alert');
  });

  it('falls back with an alert on an unknown code and on an unreadable body', () => {
    expect(classifyZnsAnswer({ error: -999, data: null })).toMatchObject({ kind: 'fallback', alert: true });
    expect(classifyZnsAnswer({}).kind).toBe('ambiguous');
  });

  it('reads the string quota values', () => {
    expect(znsQuotaLow({ error: 0, data: { quota: { dailyQuota: '500', remainingQuota: '20' } } })).toBe(true);
    expect(znsQuotaLow({ error: 0, data: { quota: { dailyQuota: '500', remainingQuota: '499' } } })).toBe(false);
  });
});

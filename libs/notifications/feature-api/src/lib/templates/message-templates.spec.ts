import { MESSAGE_TEMPLATES, templateOf } from './message-templates';

describe('message templates', () => {
  it('puts each one-time code in one 160-character GSM-7 SMS part that names the brand and the purpose', () => {
    for (const [key, what] of [['otp.handover', 'ban giao'], ['otp.password_reset', 'dat lai mat khau'], ['otp.phone_verification', 'so dien thoai']]) {
      const text = templateOf(key).sms({ code: '042137' });
      expect(text).toContain('042137');
      expect(text).toContain('NongSanSo');
      expect(text).toContain(what);
      expect(text.length).toBeLessThanOrEqual(160);
      expect(text).toMatch(/^[\x20-\x7e]*$/);
    }
  });

  it('marks code templates secret and sends their code as the ZNS `otp` parameter', () => {
    const template = templateOf('otp.handover');
    expect(template.secret).toBe(true);
    expect(template.zns?.data({ code: '042137' })).toEqual({ otp: '042137' });
    expect(MESSAGE_TEMPLATES['account.password_changed']?.secret).toBe(false);
  });

  it('refuses an unknown template', () => {
    expect(() => templateOf('nope')).toThrow('Unknown message template');
  });
});

import { logPath } from './logger.module';

describe('logPath', () => {
  it('drops the query string and capability-like segments, keeps ids', () => {
    const token = 'k3J9x'.repeat(8);
    expect(logPath(`/api/notifications/webhooks/esms/${token}?RequestId=1&phonenumber=0912345678`)).toBe('/api/notifications/webhooks/esms/[redacted]');
    expect(logPath('/api/sellers/65a1f0c2e4b0a1b2c3d4e5f6/handover')).toBe('/api/sellers/65a1f0c2e4b0a1b2c3d4e5f6/handover');
  });
});

import { createHash } from 'node:crypto';
import { verifyZnsSignature, znsSignature } from './zns-signature';

const secret = 'webhook-secret';
const body = JSON.stringify({
  app_id: '4321',
  event_name: 'user_received_message',
  message: { msg_id: 'ab12', tracking_id: '65a1f0c2e4b0a1b2c3d4e5f6', delivery_time: '1733030000000' },
  timestamp: '1733030000123',
});

describe('ZNS webhook signature', () => {
  it('is the plain SHA-256 of app_id + body + timestamp + secret', () => {
    const expected = createHash('sha256').update(`4321${body}1733030000123${secret}`).digest('hex');
    expect(znsSignature('4321', body, '1733030000123', secret)).toBe(expected);
  });

  it('accepts the genuine mac', () => {
    expect(verifyZnsSignature(`mac=${znsSignature('4321', body, '1733030000123', secret)}`, body, '4321', secret)).toBe(true);
  });

  it('refuses a mac made with another secret, over another body, for another app, or missing', () => {
    const good = `mac=${znsSignature('4321', body, '1733030000123', secret)}`;
    expect(verifyZnsSignature(`mac=${znsSignature('4321', body, '1733030000123', 'guess')}`, body, '4321', secret)).toBe(false);
    expect(verifyZnsSignature(good, body.replace('ab12', 'ab13'), '4321', secret)).toBe(false);
    expect(verifyZnsSignature(good, body, '9999', secret)).toBe(false);
    expect(verifyZnsSignature(undefined, body, '4321', secret)).toBe(false);
    expect(verifyZnsSignature('mac=zz', body, '4321', secret)).toBe(false);
    expect(verifyZnsSignature(good, 'not json', '4321', secret)).toBe(false);
  });
});

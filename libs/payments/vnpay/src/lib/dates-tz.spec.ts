import { execFileSync } from 'node:child_process';

/** Runs the SDK in a child process with another TZ: the GMT+7 dates must not move. */
describe.each(['UTC', 'America/New_York', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati'])('process TZ=%s', (tz) => {
  it('writes CreateDate/ExpireDate in GMT+7 and parses PayDate as GMT+7', () => {
    const script = `
      require('ts-node/register/transpile-only');
      const { Vnpay, parseVnDate } = require('./index.ts');
      const v = new Vnpay({ tmnCode: 'NSSDEV01', hashSecret: 's', gatewayUrl: 'http://x', clock: () => new Date('2026-12-01T17:30:00Z') });
      const p = v.payments.create({ amountVnd: 1000, txnRef: 'A', orderInfo: 'x', ipAddr: '127.0.0.1', returnUrl: 'http://r' });
      process.stdout.write(JSON.stringify({ offset: new Date('2026-12-01T00:00:00Z').getTimezoneOffset(), c: p.createDate, e: p.expireDate, d: parseVnDate('20261202003000').toISOString() }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: `${__dirname}/..`, env: { ...process.env, TZ: tz, TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs"}' } }).toString()) as {
      offset: number;
      c: string;
      e: string;
      d: string;
    };
    expect(out).toMatchObject({ c: '20261202003000', e: '20261202004500', d: '2026-12-01T17:30:00.000Z' });
    if (tz === 'UTC') expect(out.offset).toBe(0);
    if (tz === 'America/New_York') expect(out.offset).toBe(300);
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vnDateTime, type Transfer } from './feed';
import { DEV_BANK_FEED_API_KEY, simOptionsFromEnv, type SimOptions } from './sim-options';
import { buildSimulator } from './simulator';

type Answer = { status: number; body: string } | 'hang' | 'drop';
const OK: Answer = { status: 200, body: '{"success":true}' };

/** The merchant's webhook: answers from a script, records what it got. */
class FakeReceiver {
  readonly calls: Array<{ headers: IncomingMessage['headers']; body: Record<string, unknown> }> = [];
  private server!: Server;
  url = '';
  constructor(private readonly answers: Answer[]) {}
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        this.calls.push({ headers: req.headers, body: JSON.parse(raw) as Record<string, unknown> });
        const answer = this.answers[Math.min(this.calls.length - 1, this.answers.length - 1)] ?? OK;
        if (answer === 'hang') return;
        if (answer === 'drop') return void req.socket.destroy();
        res.statusCode = answer.status;
        res.setHeader('content-type', 'application/json');
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/payments/bank-feed/webhook`;
    return this;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const until = async (condition: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('bank-feed simulator (SePay-style webhook)', () => {
  let sim: ReturnType<typeof buildSimulator>;
  let receiver: FakeReceiver;
  const start = async (answers: Answer[] = [OK], over: Partial<SimOptions> = {}) => {
    receiver = await new FakeReceiver(answers).start();
    sim = buildSimulator({ ...simOptionsFromEnv({}), webhookUrl: receiver.url, retryMs: 10, timeoutMs: 1000, ...over }, () => undefined);
  };
  afterEach(async () => {
    await sim?.app.close();
    await receiver?.stop();
  });
  const send = (payload: Record<string, unknown>) => sim.app.inject({ method: 'POST', url: '/sim/transfers', payload });

  it('posts the SePay body with the Apikey header, and stops on {"success": true}', async () => {
    await start();
    const res = await send({ content: 'CK TTABCDEFGH23 thanh toan', transferAmount: 125_000 });
    expect(res.statusCode).toBe(201);
    const transfer = res.json() as Transfer;
    expect(transfer.status).toBe('delivered');
    expect(receiver.calls).toHaveLength(1);
    const call = receiver.calls[0] as (typeof receiver.calls)[number];
    expect(call.headers['authorization']).toBe(`Apikey ${DEV_BANK_FEED_API_KEY}`);
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.body).toEqual({
      id: transfer.payload.id,
      gateway: 'VietinBank',
      transactionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      accountNumber: '0011001932418',
      code: null,
      content: 'CK TTABCDEFGH23 thanh toan',
      transferType: 'in',
      transferAmount: 125_000,
      accumulated: 125_000,
      subAccount: null,
      referenceCode: expect.stringMatching(/^FT[0-9A-F]{10}$/),
      description: expect.stringContaining('CK TTABCDEFGH23 thanh toan'),
    });
    expect(Number.isSafeInteger(call.body['id'])).toBe(true);
  });

  it('gives unique increasing numeric ids and a running balance per account', async () => {
    await start();
    const a = (await send({ content: 'a', transferAmount: 1000 })).json() as Transfer;
    const b = (await send({ content: 'b', transferAmount: 2000, accountNumber: '999', referenceCode: 'REF1' })).json() as Transfer;
    const c = (await send({ content: 'c', transferAmount: 500 })).json() as Transfer;
    expect(b.payload.id).toBeGreaterThan(a.payload.id);
    expect(c.payload.id).toBeGreaterThan(b.payload.id);
    expect([a.payload.accumulated, b.payload.accumulated, c.payload.accumulated]).toEqual([1000, 2000, 1500]);
    expect(b.payload).toMatchObject({ accountNumber: '999', referenceCode: 'REF1' });
  });

  it('writes transactionDate in Vietnam time', () => {
    expect(vnDateTime(new Date('2026-12-01T17:30:05Z'))).toBe('2026-12-02 00:30:05');
  });

  it('retries on non-2xx, a body without success: true, a time out and a dropped connection', async () => {
    await start([{ status: 500, body: '{"success":true}' }, { status: 200, body: '{"success":false}' }, { status: 200, body: 'ok' }, 'hang', 'drop', OK]);
    const first = (await send({ content: 'TT1', transferAmount: 50_000 })).json() as Transfer;
    expect(first.status).toBe('pending');
    await until(() => sim.feed.transfers.get(first.payload.id)?.status === 'delivered', 8000);
    const listed = (await sim.app.inject({ method: 'GET', url: '/sim/transfers' })).json() as Transfer[];
    const deliveries = listed[0]?.deliveries ?? [];
    expect(deliveries.map((d) => d.httpStatus)).toEqual([500, 200, 200, null, null, 200]);
    expect(deliveries.map((d) => d.ok)).toEqual([false, false, false, false, false, true]);
    expect(new Set(receiver.calls.map((c) => c.body['id']))).toEqual(new Set([first.payload.id]));
    }, 12_000);

  it('gives up after 7 tries', async () => {
    await start([{ status: 503, body: '' }]);
    const first = (await send({ content: 'TT2', transferAmount: 50_000 })).json() as Transfer;
    await until(() => sim.feed.transfers.get(first.payload.id)?.status === 'failed');
    expect(receiver.calls).toHaveLength(7);
  });

  it('redelivers the same id on demand (deduplication tests)', async () => {
    await start();
    const first = (await send({ content: 'TT3', transferAmount: 70_000 })).json() as Transfer;
    const again = await sim.app.inject({ method: 'POST', url: `/sim/transfers/${first.payload.id}/redeliver` });
    expect(again.statusCode).toBe(200);
    expect(receiver.calls).toHaveLength(2);
    expect(receiver.calls[1]?.body).toEqual(receiver.calls[0]?.body);
    expect((await sim.app.inject({ method: 'POST', url: '/sim/transfers/123/redeliver' })).statusCode).toBe(404);
  });

  it.each([
    [{ transferAmount: 1000 }, 'content'],
    [{ content: 'x', transferAmount: 0 }, 'transferAmount'],
    [{ content: 'x', transferAmount: 10.5 }, 'transferAmount'],
    [{ content: 'x', transferAmount: '1e3' }, 'transferAmount'],
    [{ content: 'x', transferAmount: 1000, accountNumber: 'a b' }, 'accountNumber'],
    [{ content: 'x', transferAmount: 1000, extra: 1 }, 'extra'],
  ])('refuses %j naming %s', async (payload, field) => {
    await start();
    const res = await send(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field });
    expect(receiver.calls).toHaveLength(0);
  });

  it('the page form sends a transfer and lists it', async () => {
    await start();
    const page = await sim.app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain('id="sim-transfer-form"');
    expect(page.body).toMatch(/Gửi giao dịch.*Send transfer/);
    const res = await sim.app.inject({
      method: 'POST',
      url: '/sim/transfers',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'content=TTFORM123&transferAmount=90000&accountNumber=0011001932418',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers['location']).toBe('/');
    expect(receiver.calls[0]?.body).toMatchObject({ content: 'TTFORM123', transferAmount: 90_000 });
    expect((await sim.app.inject({ method: 'GET', url: '/' })).body).toContain('TTFORM123');
  });

  it('a control points the webhook elsewhere', async () => {
    await start();
    const other = await new FakeReceiver([OK]).start();
    try {
      expect((await sim.app.inject({ method: 'POST', url: '/sim/controls', payload: { webhookUrl: other.url } })).statusCode).toBe(200);
      await send({ content: 'TT4', transferAmount: 1000 });
      expect(other.calls).toHaveLength(1);
      expect(receiver.calls).toHaveLength(0);
    } finally {
      await other.stop();
    }
  });
});

import { createHash } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Types } from 'mongoose';
import type { DeadLetter, ReplayResult } from '@nss/contracts';
import { OneTimeCodeService } from '@nss/accounts-api';
import { DeliveryRetryError, MessageOutbox, MessagesRepository, OutboxRelay } from '@nss/notifications-api';
import { QUEUES, notificationJobId } from '@nss/server-core';
import { aPhone, anAccount, type CreatedAccount } from '../support/accounts.factory';
import { freePort } from '../support/free-port';
import { simControl, simMessages, type SimMessage } from '../support/messaging-sim';
import { deliverNow, deliveryFor, latestMessage, type StoredMessage } from '../support/notifications.support';
import { startSimulator, type RunningSimulator } from '../support/simulators';
import { startTestApi, type TestApi } from '../support/test-api';

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Messages that really leave: the API and its delivery pipeline on the real database and Redis, talking over HTTP to
 * the messaging simulator (its own process), which sends delivery reports back to this API listening on a port.
 */
describe('Notifications: one-time codes by Zalo ZNS and SMS through the simulator', () => {
  let api: TestApi;
  let sim: RunningSimulator;
  let codes: OneTimeCodeService;
  let admin: CreatedAccount;
  let buyer: CreatedAccount;
  let staff: CreatedAccount;

  beforeAll(async () => {
    const [simPort, apiPort] = [await freePort(), await freePort()];
    const simUrl = `http://127.0.0.1:${simPort}`;
    api = await startTestApi({ ZNS_API_URL: simUrl, ZALO_OAUTH_URL: simUrl, ESMS_API_URL: simUrl, PUBLIC_API_URL: `http://127.0.0.1:${apiPort}` });
    await api.app.listen({ port: apiPort, host: '127.0.0.1' });
    sim = await startSimulator('messaging-sim', {
      SIM_PORT: String(simPort),
      SIM_HOLD_MS: '4000',
      SIM_REPORT_DELAY_MS: '50',
      SIM_ZNS_WEBHOOK_URL: `http://127.0.0.1:${apiPort}/api/notifications/webhooks/zns`,
    }, { stderr: 'inherit' });
    codes = api.app.get(OneTimeCodeService);
    admin = await anAccount().withRole('admin').create(api);
    buyer = await anAccount().create(api);
    staff = await anAccount().withRole('province_staff').create(api);
  });
  afterAll(async () => {
    await sim?.stop();
    await api?.close();
  });

  const received = (phone: string) => simMessages(sim.url, phone);
  const message = async (phone: string) => (await latestMessage(api, phone)) as StoredMessage;
  const codeOf = (m: SimMessage | undefined) => m?.templateData?.['otp'] ?? /\b(\d{6})\b/.exec(m?.text ?? '')?.[1];

  it('sends a code by ZNS; the job carries only the id; the signed delivery report marks it delivered', async () => {
    const phone = aPhone();
    await codes.issue({ phone, purpose: 'handover', subjectId: 's1' });
    const queued = await message(phone);
    expect(queued).toMatchObject({ template: 'otp.handover', state: 'queued', channels: ['zns', 'sms'] });
    const id = queued._id.toHexString();
    const job = await api.app.get<Queue>(getQueueToken(QUEUES.notifications)).getJob(notificationJobId({ messageId: id }, 0));
    expect(job?.data).toEqual({ messageId: id });
    expect(job?.opts).toMatchObject({ attempts: 6, backoff: { type: 'exponential', delay: 2000 } });
    await job?.remove();

    expect(await deliverNow(api, id)).toEqual({ state: 'sent', channel: 'zns' });
    const [zns] = await received(phone);
    expect(zns).toMatchObject({ channel: 'zns', result: 'accepted', templateId: api.config.messaging.znsTemplateOtp });
    expect(codeOf(zns)).toMatch(/^\d{6}$/);
    const delivered = await until(() => message(phone), (m) => m.state === 'delivered');
    expect(delivered).toMatchObject({ state: 'delivered', sealedParams: null });
  });

  it('sends the code by SMS to a phone without Zalo, and the eSMS callback marks it delivered', async () => {
    const phone = aPhone();
    await simControl(sim.url, { phone, channel: 'zns', action: 'not_on_zalo' });
    await codes.issue({ phone, purpose: 'password_reset', subjectId: 's2' });
    expect(await deliverNow(api, (await message(phone))._id.toHexString())).toEqual({ state: 'sent', channel: 'sms' });
    const [sms, zns] = await received(phone);
    expect(zns).toMatchObject({ channel: 'zns', result: '-118' });
    expect(sms).toMatchObject({ channel: 'sms', result: 'accepted' });
    expect(sms?.text).toContain('NongSanSo');
    expect(codeOf(sms)).toMatch(/^\d{6}$/);
    expect(await until(() => message(phone), (m) => m.state === 'delivered')).toMatchObject({ state: 'delivered' });
  });

  it('retries ZNS after a transient error (-100), then delivers by ZNS', async () => {
    const phone = aPhone();
    await simControl(sim.url, { phone, channel: 'zns', action: 'fail', code: -100, times: 2 });
    await codes.issue({ phone, purpose: 'handover', subjectId: 's3' });
    const id = (await message(phone))._id.toHexString();
    await expect(deliveryFor(api).deliver(id)).rejects.toBeInstanceOf(DeliveryRetryError);
    await expect(deliveryFor(api).deliver(id)).rejects.toBeInstanceOf(DeliveryRetryError);
    expect(await message(phone)).toMatchObject({ state: 'queued', lastError: 'zns:-100' });
    expect(await deliveryFor(api).deliver(id)).toEqual({ state: 'sent', channel: 'zns' });
    expect((await received(phone)).map((m) => m.result)).toEqual(['accepted', '-100', '-100']);
  });

  it('refreshes a refused OA token once and sends (the rotated refresh token is stored first)', async () => {
    const phone = aPhone();
    await codes.issue({ phone, purpose: 'handover', subjectId: 'warm' });
    await deliverNow(api, (await message(phone))._id.toHexString());
    await simControl(sim.url, { phone, channel: 'zns', action: 'expire_token', times: 1 });
    await codes.issue({ phone, purpose: 'handover', subjectId: 's4' });
    expect(await deliverNow(api, (await message(phone))._id.toHexString())).toEqual({ state: 'sent', channel: 'zns' });
    expect((await received(phone)).map((m) => `${m.channel}:${m.result}`).slice(0, 2)).toEqual(['zns:accepted', 'zns:-124']);
  });

  it('after an ambiguous ZNS timeout sends the code by SMS, never by ZNS again', async () => {
    const phone = aPhone();
    await simControl(sim.url, { phone, channel: 'zns', action: 'timeout', times: 1 });
    await codes.issue({ phone, purpose: 'phone_verification', subjectId: 's5' });
    expect(await deliverNow(api, (await message(phone))._id.toHexString())).toEqual({ state: 'sent', channel: 'sms' });
    const list = await received(phone);
    expect(list.map((m) => m.channel)).toEqual(['sms', 'zns']);
    expect(codeOf(list[0])).toBe(codeOf(list[1]));
  });

  it('dead-letters a permanent failure; admins see it without the code, others cannot; a code is not replayed', async () => {
    const phone = aPhone();
    await simControl(sim.url, { phone, channel: 'zns', action: 'not_on_zalo' });
    await simControl(sim.url, { phone, channel: 'sms', action: 'fail', code: '99' });
    await codes.issue({ phone, purpose: 'handover', subjectId: 's6' });
    const id = (await message(phone))._id.toHexString();
    expect(await deliverNow(api, id)).toEqual({ state: 'dead', permanent: true });
    expect(await message(phone)).toMatchObject({ state: 'dead', sealedParams: null, lastError: 'sms:99' });

    const url = '/api/admin/notifications/dead-letters';
    const res = await api.request({ method: 'GET', url, token: admin.accessToken });
    expect(res.status).toBe(200);
    const row = (res.body as DeadLetter[]).find((d) => d.id === id);
    expect(row).toMatchObject({ template: 'otp.handover', channel: 'sms', lastError: 'sms:99', replayable: false });
    expect(row?.phoneMasked).not.toBe(phone);
    expect(JSON.stringify(res.body)).not.toContain(phone);
    const code = codeOf((await received(phone)).find((m) => m.channel === 'sms'));
    expect(JSON.stringify(res.body)).not.toContain(code as string);
    expect((await api.request({ method: 'GET', url, token: buyer.accessToken })).status).toBe(403);
    expect((await api.request({ method: 'GET', url, token: staff.accessToken })).status).toBe(403);
    expect((await api.request({ method: 'GET', url })).status).toBe(401);
    const replay = await api.request({ method: 'POST', url: `/api/admin/notifications/messages/${id}/replay`, token: admin.accessToken });
    expect(replay.status).toBe(409);
  });

  it('replays a dead-lettered notice for an admin only, from its first channel', async () => {
    const phone = aPhone();
    await simControl(sim.url, { phone, channel: 'sms', action: 'fail', code: '104', times: 1 });
    const { id } = await api.app.get(MessageOutbox).send({ eventKey: `pw:${phone}`, template: 'account.password_changed', phone, params: {} });
    expect(await deliverNow(api, id)).toMatchObject({ state: 'dead' });
    const url = `/api/admin/notifications/messages/${id}/replay`;
    expect((await api.request({ method: 'POST', url, token: buyer.accessToken })).status).toBe(403);
    const replay = await api.request({ method: 'POST', url, token: admin.accessToken });
    expect(replay.status).toBe(200);
    expect(replay.body as ReplayResult).toEqual({ id, state: 'queued' });
    expect((await api.request({ method: 'POST', url, token: admin.accessToken })).status).toBe(409);
    expect(await deliverNow(api, id)).toEqual({ state: 'sent', channel: 'sms' });
    expect((await api.request({ method: 'POST', url: '/api/admin/notifications/messages/ABC/replay', token: admin.accessToken })).status).toBe(400);
  });

  it('makes one message of the same event sent twice, even at once', async () => {
    const phone = aPhone();
    const outbox = api.app.get(MessageOutbox);
    const send = () => outbox.send({ eventKey: 'order-placed:42', template: 'account.password_changed', phone, params: {} });
    const results = await Promise.all([send(), send(), send()]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await send()).created).toBe(false);
    expect(await api.connection.collection('notification_messages').countDocuments({ phone })).toBe(1);
  });

  /** The attempt a provider accepted for a message (its id is the ZNS tracking_id / eSMS RequestId). */
  const acceptedAttempt = (messageId: string) =>
    api.connection
      .collection<{ _id: { toHexString(): string }; providerMessageId: string }>('notification_attempts')
      .findOne({ messageId: new Types.ObjectId(messageId), state: 'accepted' });

  it('refuses a forged ZNS webhook; a genuine one marks delivered, once', async () => {
    const phone = aPhone();
    await simControl(sim.url, { phone, channel: 'zns', action: 'no_report' });
    await codes.issue({ phone, purpose: 'handover', subjectId: 's7' });
    const id = (await message(phone))._id.toHexString();
    expect(await deliverNow(api, id)).toEqual({ state: 'sent', channel: 'zns' });
    const attempt = await acceptedAttempt(id);
    const timestamp = String(Date.now());
    const body = JSON.stringify({
      app_id: api.config.messaging.zaloAppId,
      event_name: 'user_received_message',
      message: { msg_id: attempt?.providerMessageId, tracking_id: attempt?._id.toHexString(), delivery_time: timestamp },
      timestamp,
    });
    const post = (signature?: string) =>
      api.request({ method: 'POST', url: '/api/notifications/webhooks/zns', payload: body, headers: { 'content-type': 'application/json', ...(signature ? { 'x-zevent-signature': signature } : {}) } });
    expect((await post(`mac=${'0'.repeat(64)}`)).status).toBe(401);
    expect((await post()).status).toBe(401);
    const guessed = createHash('sha256').update(`${api.config.messaging.zaloAppId}${body}${timestamp}guess`).digest('hex');
    expect((await post(`mac=${guessed}`)).status).toBe(401);
    expect((await message(phone)).state).toBe('sent');

    const genuine = createHash('sha256').update(`${api.config.messaging.zaloAppId}${body}${timestamp}${api.config.messaging.znsWebhookSecret}`).digest('hex');
    expect((await post(`mac=${genuine}`)).status).toBe(200);
    const delivered = await message(phone);
    expect(delivered).toMatchObject({ state: 'delivered', sealedParams: null });
    expect((await post(`mac=${genuine}`)).status).toBe(200);
    expect(await message(phone)).toEqual(delivered);
  });

  it('refuses an eSMS delivery callback with a wrong token', async () => {
    const phone = aPhone();
    await simControl(sim.url, { phone, channel: 'zns', action: 'not_on_zalo' });
    await simControl(sim.url, { phone, channel: 'sms', action: 'no_report' });
    await codes.issue({ phone, purpose: 'handover', subjectId: 's8' });
    const id = (await message(phone))._id.toHexString();
    expect(await deliverNow(api, id)).toEqual({ state: 'sent', channel: 'sms' });
    const attempt = await acceptedAttempt(id);
    const query = `?SMSID=${attempt?.providerMessageId}&RequestId=${attempt?._id.toHexString()}&SendStatus=5&SendSuccess=1&SendFailed=0`;
    const wrong = await api.request({ method: 'GET', url: `/api/notifications/webhooks/esms/${'x'.repeat(42)}${query}` });
    expect(wrong.status).toBe(401);
    expect((await message(phone)).state).toBe('sent');
    const right = await api.request({ method: 'GET', url: `/api/notifications/webhooks/esms/${api.config.messaging.esmsCallbackToken}${query}` });
    expect(right.status).toBe(200);
    expect((await message(phone)).state).toBe('delivered');
  });

  it('re-queues a message whose delivery job was lost (the outbox relay)', async () => {
    const phone = aPhone();
    await codes.issue({ phone, purpose: 'handover', subjectId: 's10' });
    const stored = await message(phone);
    const id = stored._id.toHexString();
    const queue = api.app.get<Queue>(getQueueToken(QUEUES.notifications));
    const jobId = notificationJobId({ messageId: id }, 0);
    await (await queue.getJob(jobId))?.remove();
    const relay = new OutboxRelay(api.app.get(MessagesRepository), api.app.get(MessageOutbox), queue);
    await relay.sweep();
    expect(await queue.getJob(jobId)).toBeUndefined(); // fresh: its job may still be on its way
    await api.connection.collection('notification_messages').updateOne({ _id: stored._id as Types.ObjectId }, { $set: { updatedAt: new Date(Date.now() - 5 * 60_000) } });
    expect(await relay.sweep()).toBeGreaterThanOrEqual(1);
    expect((await queue.getJob(jobId))?.data).toEqual({ messageId: id });
    await (await queue.getJob(jobId))?.remove();
  });

  it('keeps no code in plaintext in the outbox, its attempts, or the queue', async () => {
    const phone = aPhone();
    await codes.issue({ phone, purpose: 'handover', subjectId: 's9' });
    const id = (await message(phone))._id.toHexString();
    const before = JSON.stringify(await api.connection.collection('notification_messages').find({ phone }).toArray());
    const job = await api.app.get<Queue>(getQueueToken(QUEUES.notifications)).getJob(notificationJobId({ messageId: id }, 0));
    await deliverNow(api, id);
    const code = codeOf((await received(phone))[0]) as string;
    expect(code).toMatch(/^\d{6}$/);
    const after = JSON.stringify(await api.connection.collection('notification_messages').find({ phone }).toArray());
    const attempts = JSON.stringify(await api.connection.collection('notification_attempts').find({}).toArray());
    for (const stored of [before, after, attempts, JSON.stringify(job?.data)]) expect(stored).not.toContain(code);
    expect(before).toContain('sealedParams');
  });
});

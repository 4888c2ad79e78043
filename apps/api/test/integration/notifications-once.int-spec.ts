import { mongo } from 'mongoose';
import { OneTimeCodeService } from '@nss/accounts-api';
import { MessageAttemptsRepository, MessageOutbox, MessagesRepository } from '@nss/notifications-api';
import { aPhone } from '../support/accounts.factory';
import { freePort } from '../support/free-port';
import { simControl, simMessages } from '../support/messaging-sim';
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

/** What the driver throws when FerretDB/MongoDB goes away under a write (as in the fault suite's FerretDB restart). */
const { MongoNetworkError } = mongo;
const databaseGone = () => new MongoNetworkError('connection 7 to 127.0.0.1:27017 closed');

/**
 * Each message is sent at most once per channel, whatever fails after the provider accepted it: the database refusing
 * the write that records the acceptance (FerretDB down for a few seconds), or the worker dying before that write. The
 * fault is injected at the one write (the rest is the real database, Redis and the simulator over HTTP); the retry is
 * the next try of the worker's job, which must not send again under a new RequestId / tracking_id.
 */
describe('Notifications: nothing sent twice when recording the provider’s acceptance fails', () => {
  let api: TestApi;
  let sim: RunningSimulator;

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
    });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await sim?.stop();
    await api?.close();
  });

  const accepted = async (phone: string, channel: 'zns' | 'sms') =>
    (await simMessages(sim.url, phone)).filter((m) => m.channel === channel && m.result === 'accepted');
  const message = async (phone: string) => (await latestMessage(api, phone)) as StoredMessage;
  /**
   * The database refuses the next write that records a provider's acceptance of an attempt. Every other write goes
   * through, before and after: a delivery report of an earlier test's message may reach the webhook meanwhile (a
   * one-time mock was used up by it in a clean-clone run, and the acceptance was then recorded).
   */
  const refuseRecordingAcceptance = () => {
    const attempts = api.app.get(MessageAttemptsRepository);
    const finish = attempts.finish.bind(attempts);
    let refused = false;
    jest.spyOn(attempts, 'finish').mockImplementation(async (id, from, set) => {
      if (!refused && set.state === 'accepted') {
        refused = true;
        throw databaseGone();
      }
      return finish(id, from, set);
    });
  };
  const orderNotice = (phone: string) =>
    api.app.get(MessageOutbox).send({ eventKey: `pw-once:${phone}`, template: 'account.password_changed', phone, params: {} });

  it('SMS: eSMS accepted it, recording that failed; the retry sends the same RequestId and eSMS refuses it as a repeat', async () => {
    const phone = aPhone();
    // No delivery report, which would tell us before the retry: the retry has to ask the provider.
    await simControl(sim.url, { phone, channel: 'sms', action: 'no_report' });
    const { id } = await orderNotice(phone);
    refuseRecordingAcceptance();
    await expect(deliveryFor(api).deliver(id)).rejects.toBeInstanceOf(MongoNetworkError);
    expect(await accepted(phone, 'sms')).toHaveLength(1);
    expect((await message(phone)).state).toBe('queued');

    expect(await deliverNow(api, id)).toEqual({ state: 'sent', channel: 'sms' });
    const requests = await simMessages(sim.url, phone);
    expect(requests.map((m) => m.result)).toEqual(['124', 'accepted']);
    expect(new Set(requests.map((m) => m.reference)).size).toBe(1);
    expect(await accepted(phone, 'sms')).toHaveLength(1);
    expect(await message(phone)).toMatchObject({ state: 'sent', lastError: null });
  });

  it('the worker died after recording the acceptance but before the message: the retry sends nothing', async () => {
    const phone = aPhone();
    const { id } = await orderNotice(phone);
    const messages = api.app.get(MessagesRepository);
    const update = messages.update.bind(messages);
    jest.spyOn(messages, 'update').mockImplementation(async (...args) => {
      if (args[2].state === 'sent') throw databaseGone();
      return update(...args);
    });
    await expect(deliveryFor(api).deliver(id)).rejects.toBeInstanceOf(MongoNetworkError);
    jest.restoreAllMocks();
    expect(await deliverNow(api, id)).toMatchObject({ state: expect.stringMatching(/^(sent|delivered)$/) });
    expect((await simMessages(sim.url, phone)).map((m) => m.result)).toEqual(['accepted']);
  });

  it('ZNS (no de-duplication at Zalo): never sent again; the code goes by SMS instead, once', async () => {
    const phone = aPhone();
    await simControl(sim.url, { phone, channel: 'zns', action: 'no_report' });
    await api.app.get(OneTimeCodeService).issue({ phone, purpose: 'handover', subjectId: 'once-1' });
    const id = (await message(phone))._id.toHexString();
    refuseRecordingAcceptance();
    await expect(deliveryFor(api).deliver(id)).rejects.toBeInstanceOf(MongoNetworkError);
    expect(await accepted(phone, 'zns')).toHaveLength(1);

    expect(await deliverNow(api, id)).toEqual({ state: 'sent', channel: 'sms' });
    expect(await accepted(phone, 'zns')).toHaveLength(1);
    expect(await accepted(phone, 'sms')).toHaveLength(1);
    const [sms, zns] = await simMessages(sim.url, phone);
    expect(sms?.text).toContain(zns?.templateData?.['otp'] as string);
  });

  it('ZNS: when Zalo reports it received before the retry, nothing more is sent', async () => {
    const phone = aPhone();
    await api.app.get(OneTimeCodeService).issue({ phone, purpose: 'handover', subjectId: 'once-2' });
    const id = (await message(phone))._id.toHexString();
    refuseRecordingAcceptance();
    await expect(deliveryFor(api).deliver(id)).rejects.toBeInstanceOf(MongoNetworkError);
    expect(await until(() => message(phone), (m) => m.state === 'delivered')).toMatchObject({ state: 'delivered' });
    expect(await deliverNow(api, id)).toEqual({ state: 'delivered' });
    expect((await simMessages(sim.url, phone)).map((m) => `${m.channel}:${m.result}`)).toEqual(['zns:accepted']);
  });

  it('SMS whose outcome is unknown since before midnight (eSMS refuses a repeat within the day only): dead-lettered, not resent', async () => {
    const phone = aPhone();
    await simControl(sim.url, { phone, channel: 'sms', action: 'no_report' });
    const { id } = await orderNotice(phone);
    refuseRecordingAcceptance();
    const yesterday = new Date(Date.now() - 24 * 3600_000);
    await expect(deliveryFor(api).deliver(id, {}, yesterday)).rejects.toBeInstanceOf(MongoNetworkError);
    expect(await deliveryFor(api).deliver(id)).toEqual({ state: 'dead', permanent: true });
    expect(await message(phone)).toMatchObject({ state: 'dead', lastError: 'sms:outcome unknown' });
    expect(await accepted(phone, 'sms')).toHaveLength(1);
  });
});

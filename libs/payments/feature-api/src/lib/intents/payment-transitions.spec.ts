import type { LockLease } from '@nss/server-core';
import type { PaymentEventsRepository, NewPaymentEvent } from './payment-events.repository';
import type { PaymentIntentDocument } from './payment-intent.schema';
import type { PaymentIntentsRepository } from './payment-intents.repository';
import { PaymentTransitions } from './payment-transitions';

/** In-memory stand-ins with the properties that matter: a unique event key, a version-guarded intent write. */
function world(initialVersion = 0) {
  const events = new Map<string, { id: string; event: NewPaymentEvent }>();
  let seq = 0;
  const intent = { id: 'a'.repeat(24), checkoutId: 'c'.repeat(24), status: 'requires_action', stateVersion: initialVersion } as unknown as PaymentIntentDocument;
  const stored = { status: intent.status as string, stateVersion: initialVersion };
  const eventsRepo = {
    claim: async (_s: unknown, event: NewPaymentEvent) => {
      if (events.has(event.key)) return null;
      const id = String(++seq);
      events.set(event.key, { id, event });
      return id;
    },
    release: async (_s: unknown, id: string) => {
      for (const [key, value] of events) if (value.id === id) events.delete(key);
    },
    findByKey: async (_s: unknown, key: string) => {
      const found = events.get(key);
      return found ? { _id: found.id } : null;
    },
  } as unknown as PaymentEventsRepository;
  let failWrite = false;
  const intentsRepo = {
    findById: async () => ({ ...intent, stateVersion: stored.stateVersion, status: stored.status }),
    writeState: async (_s: unknown, _id: string, fromVersion: number, set: { status: string }) => {
      if (failWrite) throw new Error('database down');
      if (stored.stateVersion !== fromVersion) return null;
      stored.stateVersion = fromVersion + 1;
      stored.status = set.status;
      return { ...intent, ...stored } as unknown as PaymentIntentDocument;
    },
  } as unknown as PaymentIntentsRepository;
  const lease: LockLease = { fence: 1, lost: false, assertHeld: async () => undefined };
  return { transitions: new PaymentTransitions(intentsRepo, eventsRepo), intent, stored, events, lease, failOnWrite: () => (failWrite = true) };
}

const change = { type: 'payment.succeeded', source: 'ipn', reason: null, actorUserId: null, at: new Date() };

describe('PaymentTransitions', () => {
  it('changes the intent once: a second change from the same version claims nothing and writes nothing', async () => {
    const w = world();
    expect(await w.transitions.apply(w.lease, w.intent, 'succeeded', change)).not.toBeNull();
    expect(await w.transitions.apply(w.lease, w.intent, 'canceled', { ...change, type: 'payment.failed' })).toBeNull();
    expect(w.stored).toEqual({ status: 'succeeded', stateVersion: 1 });
    expect([...w.events.keys()]).toEqual([`state:${w.intent.id as string}:1`]);
  });

  it('releases its claim when the write fails, so the next try can make the change', async () => {
    const w = world();
    w.failOnWrite();
    await expect(w.transitions.apply(w.lease, w.intent, 'succeeded', change)).rejects.toThrow('database down');
    expect(w.events.size).toBe(0);
    expect(w.stored.stateVersion).toBe(0);
  });

  it('takes over a claim left by a holder that died before writing (the intent is still at the old version)', async () => {
    const w = world();
    (w.events as Map<string, unknown>).set(`state:${w.intent.id as string}:1`, { id: '99', event: { ...change } });
    const changed = await w.transitions.apply(w.lease, w.intent, 'succeeded', change);
    expect(changed).not.toBeNull();
    expect(w.stored).toEqual({ status: 'succeeded', stateVersion: 1 });
    expect(w.events.size).toBe(1);
  });
});

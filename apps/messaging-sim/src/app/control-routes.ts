import type { FastifyInstance } from 'fastify';
import { SimControl, SimState, nationalPhone } from './sim-state';

const ACTIONS: ReadonlyArray<SimControl['action']> = ['fail', 'timeout', 'not_on_zalo', 'expire_token', 'no_report'];

/**
 * The simulator's own API (development and tests): the messages it received, newest first, and the controls that
 * make the next sends fail, time out, find no Zalo account or get no delivery report, for one phone or for all.
 */
export function controlRoutes(app: FastifyInstance, state: SimState): void {
  app.get('/sim/messages', async (req) => {
    const query = req.query as { phone?: string; limit?: string };
    const phone = query.phone ? nationalPhone(query.phone) : undefined;
    const limit = Math.min(Math.max(Number(query.limit ?? 100) || 100, 1), 1000);
    return state.messages.filter((m) => !phone || m.phone === phone).slice(0, limit);
  });

  app.get('/sim/controls', async () => state.controls);

  app.post('/sim/controls', async (req, reply) => {
    const body = (req.body ?? {}) as Partial<SimControl>;
    if (body.channel !== 'zns' && body.channel !== 'sms') return reply.code(400).send({ error: 'channel must be zns or sms' });
    if (!body.action || !ACTIONS.includes(body.action)) return reply.code(400).send({ error: `action must be one of ${ACTIONS.join(', ')}` });
    if (body.times !== undefined && !(Number.isInteger(body.times) && body.times > 0)) return reply.code(400).send({ error: 'times must be a positive integer' });
    const control = state.addControl({
      channel: body.channel,
      action: body.action,
      ...(body.phone ? { phone: String(body.phone) } : {}),
      ...(body.code !== undefined ? { code: String(body.code) } : {}),
      ...(body.times !== undefined ? { times: body.times } : {}),
    });
    return reply.code(201).send(control);
  });

  /** Removes the controls of one phone (`?phone=`) or all of them. */
  app.delete('/sim/controls', async (req, reply) => {
    const phone = (req.query as { phone?: string }).phone;
    state.controls = phone ? state.controls.filter((c) => c.phone !== nationalPhone(phone)) : [];
    return reply.code(204).send();
  });
}

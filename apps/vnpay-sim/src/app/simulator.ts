import Fastify, { type FastifyInstance } from 'fastify';
import { apiRoutes } from './api-routes';
import { controlRoutes } from './control-routes';
import { IpnDeliverer } from './ipn';
import { payRoutes } from './pay-routes';
import type { SimOptions } from './sim-options';
import { SimState } from './sim-state';

/**
 * The VNPay simulator: pay page (`/paymentv2/vpcpay.html`), return redirect, IPN with VNPay's retries, querydr and
 * refund (`/merchant_webapi/api/transaction`), written from the published protocol only (payments.md).
 */
export function buildSimulator(options: SimOptions, log: (text: string) => void = (t) => console.warn(`[vnpay-sim] ${t}`)): { app: FastifyInstance; state: SimState; ipn: IpnDeliverer } {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const state = new SimState();
  const ipn = new IpnDeliverer(options, state, log);
  app.addHook('onClose', async () => ipn.close());
  payRoutes(app, state, options, ipn);
  apiRoutes(app, state, options);
  controlRoutes(app, state, options, ipn);
  return { app, state, ipn };
}

import Fastify, { type FastifyInstance } from 'fastify';
import { controlRoutes } from './control-routes';
import { DeliveryReporter } from './delivery-reports';
import { devPage } from './dev-page';
import { esmsRoutes } from './esms-routes';
import type { SimOptions } from './sim-options';
import { SimState } from './sim-state';
import { zaloRoutes } from './zalo-routes';

/**
 * The messaging simulator: Zalo (OA token, ZNS template message, delivery webhook) and eSMS.vn (send, delivery
 * callback) over HTTP on localhost, written from the providers' published protocol only (docs/messaging.md).
 */
export function buildSimulator(options: SimOptions): { app: FastifyInstance; state: SimState } {
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const state = new SimState(options.zaloRefreshToken);
  const reporter = new DeliveryReporter(options, (text) => console.warn(`[messaging-sim] ${text}`));
  zaloRoutes(app, state, options, reporter);
  esmsRoutes(app, state, options, reporter);
  controlRoutes(app, state);
  devPage(app, state);
  return { app, state };
}

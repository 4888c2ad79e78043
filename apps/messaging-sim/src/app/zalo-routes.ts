import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DeliveryReporter } from './delivery-reports';
import type { SimOptions } from './sim-options';
import { SimState, nationalPhone } from './sim-state';

interface ZnsBody {
  phone?: string;
  template_id?: string;
  template_data?: Record<string, string>;
  tracking_id?: string;
}

/** The configured app, and with SIM_ANY_APP (parallel tests, one app each) any `<configured>-<suffix>`. */
function appAllowed(options: SimOptions, appId: string): boolean {
  return appId === options.zaloAppId || (options.anyApp && appId.startsWith(`${options.zaloAppId}-`));
}

const fail = (error: number, message: string) => ({ error, message, data: null });

/**
 * Zalo's side: the OA access-token endpoint (refresh tokens are single use and rotate) and the ZNS template message
 * endpoint (always HTTP 200; the outcome is in `error`).
 */
export function zaloRoutes(app: FastifyInstance, state: SimState, options: SimOptions, reporter: DeliveryReporter): void {
  app.post('/v4/oa/access_token', async (req) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const appId = body['app_id'] ?? '';
    if (req.headers['secret_key'] !== options.zaloAppSecret || !appAllowed(options, appId)) {
      return { error: -14002, error_name: 'Invalid app_id or secret_key', error_description: 'Invalid app' };
    }
    if (body['grant_type'] !== 'refresh_token' || body['refresh_token'] !== state.refreshTokenOf(appId)) {
      return { error: -14014, error_name: 'Invalid refresh_token', error_description: 'Refresh token is invalid' };
    }
    const tokens = state.issueTokens(appId);
    return { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_in: '90000' };
  });

  const send = async (req: { headers: Record<string, unknown>; body: unknown }, reply: FastifyReply) => {
    const body = (req.body ?? {}) as ZnsBody;
    const phone = nationalPhone(String(body.phone ?? ''));
    const token = req.headers['access_token'] as string | undefined;
    if (state.take('zns', phone, 'expire_token')) {
      const app = state.appOfToken(token);
      for (const [issued, entry] of state.accessTokens) if (entry.appId === app) state.accessTokens.delete(issued);
    }
    const base = { channel: 'zns' as const, phone, templateId: body.template_id, templateData: body.template_data, reference: body.tracking_id ?? '', timedOut: false, report: 'none' as const };
    const appId = state.appOfToken(token);
    if (!appId) {
      state.record({ ...base, result: '-124' });
      return fail(-124, 'Access token is invalid');
    }
    if (!/^84\d{9}$/.test(String(body.phone)) || !body.template_id || !body.template_data) {
      state.record({ ...base, result: !/^84\d{9}$/.test(String(body.phone)) ? '-108' : '-1122' });
      return !/^84\d{9}$/.test(String(body.phone)) ? fail(-108, 'Phone number is invalid') : fail(-1122, 'Body is invalid');
    }
    const control = state.take('zns', phone);
    if (control?.action === 'not_on_zalo') {
      state.record({ ...base, result: '-118' });
      return fail(-118, 'Zalo account not existed');
    }
    if (control?.action === 'fail') {
      state.record({ ...base, result: control.code ?? '-100' });
      return fail(Number(control.code ?? -100), 'Simulated failure');
    }
    const msgId = randomBytes(10).toString('hex');
    const message = state.record({ ...base, appId, providerId: msgId, result: 'accepted', timedOut: control?.action === 'timeout' });
    if (control?.action !== 'no_report') reporter.znsReceived(message);
    const answer = { error: 0, message: 'Success', data: { msg_id: msgId, sent_time: String(Date.now()), sending_mode: '1', quota: { dailyQuota: '500', remainingQuota: '499' } } };
    if (control?.action === 'timeout') {
      // Sent, but the answer comes too late: the client cannot know.
      await new Promise((resolve) => setTimeout(resolve, options.holdMs).unref());
    }
    return reply.send(answer);
  };
  app.post('/message/template', send);
  app.post('/message/template/dev', send);
}

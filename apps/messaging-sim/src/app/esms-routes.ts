import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { DeliveryReporter } from './delivery-reports';
import type { SimOptions } from './sim-options';
import { SimState, nationalPhone } from './sim-state';

type EsmsBody = Record<string, string | undefined>;

/** eSMS.vn's SendMultipleMessage_V4_post_json: string values, `CodeResult` "100" = accepted. */
export function esmsRoutes(app: FastifyInstance, state: SimState, options: SimOptions, reporter: DeliveryReporter): void {
  app.post('/MainService.svc/json/SendMultipleMessage_V4_post_json/', async (req) => {
    const body = (req.body ?? {}) as EsmsBody;
    const phone = nationalPhone(body['Phone'] ?? '');
    const requestId = body['RequestId'] ?? '';
    const base = { channel: 'sms' as const, phone, text: body['Content'], reference: requestId, timedOut: false, report: 'none' as const };
    const answer = (code: string) => {
      state.record({ ...base, result: code });
      return { CodeResult: code, ErrorMessage: `Simulated ${code}` };
    };
    if (body['ApiKey'] !== options.esmsApiKey || body['SecretKey'] !== options.esmsSecretKey) return answer('101');
    if (!body['Brandname']) return answer('104');
    if (!/^0\d{9}$/.test(phone)) return answer('108');
    const day = new Date().toISOString().slice(0, 10);
    if (requestId && state.requestIds.has(`${day}:${requestId}`)) return answer('124');
    const control = state.take('sms', phone);
    if (control?.action === 'fail') return answer(control.code ?? '99');
    if (requestId) state.requestIds.add(`${day}:${requestId}`);
    const smsId = randomUUID();
    const message = state.record({ ...base, providerId: smsId, result: 'accepted', timedOut: control?.action === 'timeout' });
    if (body['Sandbox'] !== '1' && control?.action !== 'no_report') reporter.smsSent(message, body['CallbackUrl']);
    if (control?.action === 'timeout') await new Promise((resolve) => setTimeout(resolve, options.holdMs).unref());
    return { CodeResult: '100', CountRegenerate: 0, SMSID: smsId };
  });
}

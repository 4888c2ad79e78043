import { createHash } from 'node:crypto';
import type { SimMessage } from './sim-state';
import type { SimOptions } from './sim-options';

const RETRY_DELAYS_MS = [1_000, 5_000, 15_000];

/**
 * Sends delivery reports as the providers do. Zalo: POST `user_received_message` to the OA's webhook URL, signed
 * `X-ZEvent-Signature: mac=<sha256(app_id + body + timestamp + secret)>`. eSMS: GET the request's CallbackUrl with
 * the report in the query string, unsigned. Both retried a few times when our side does not answer 200.
 */
export class DeliveryReporter {
  constructor(
    private readonly options: SimOptions,
    private readonly log: (text: string) => void,
  ) {}

  znsReceived(message: SimMessage): void {
    const url = this.options.znsWebhookUrl;
    if (!url) return;
    const timestamp = String(Date.now());
    const appId = message.appId ?? this.options.zaloAppId;
    const body = JSON.stringify({
      app_id: appId,
      sender: { id: 'sim-oa' },
      recipient: { id: `84${message.phone.slice(1)}` },
      event_name: 'user_received_message',
      message: { delivery_time: timestamp, msg_id: message.providerId, tracking_id: message.reference },
      timestamp,
    });
    const mac = createHash('sha256').update(`${appId}${body}${timestamp}${this.options.znsWebhookSecret}`).digest('hex');
    this.later(message, () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zevent-server': 'ZNS', 'x-zevent-signature': `mac=${mac}` },
        body,
        signal: AbortSignal.timeout(5_000),
      }),
    );
  }

  smsSent(message: SimMessage, callbackUrl: string | undefined): void {
    if (!callbackUrl) return;
    const query = new URLSearchParams({
      SMSID: message.providerId ?? '',
      RequestId: message.reference,
      SendStatus: '5',
      SendSuccess: '1',
      SendFailed: '0',
      phonenumber: message.phone,
      telcoid: '1',
      TotalPrice: '800',
    });
    const url = `${callbackUrl}${callbackUrl.includes('?') ? '&' : '?'}${query.toString()}`;
    this.later(message, () => fetch(url, { signal: AbortSignal.timeout(5_000) }));
  }

  private later(message: SimMessage, send: () => Promise<Response>, attempt = 0): void {
    message.report = 'pending';
    const delay = attempt === 0 ? this.options.reportDelayMs : (RETRY_DELAYS_MS[attempt - 1] ?? 0);
    setTimeout(() => {
      send()
        .then((res) => {
          if (res.status === 200) message.report = 'sent';
          else throw new Error(`HTTP ${res.status}`);
        })
        .catch((error: Error) => {
          if (attempt < RETRY_DELAYS_MS.length) this.later(message, send, attempt + 1);
          else {
            message.report = 'failed';
            this.log(`delivery report for ${message.id} failed: ${error.message}`);
          }
        });
    }, delay).unref();
  }
}


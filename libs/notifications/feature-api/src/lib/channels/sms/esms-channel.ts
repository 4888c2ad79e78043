import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, MessagingConfig } from '@nss/server-core';
import { ChannelAdapter, ChannelOutcome, ChannelSendRequest, transportOutcome } from '../channel-outcome';
import { EsmsAnswer, classifyEsmsAnswer } from './esms-answer';

/** The path of eSMS delivery reports on our API (the token makes it unguessable: eSMS does not sign them). */
export const ESMS_CALLBACK_PATH = '/api/notifications/webhooks/esms';

/**
 * SMS brandname through eSMS.vn (SendMultipleMessage_V4_post_json): customer-care type 2, the attempt id as
 * `RequestId` (eSMS refuses a repeated id the same day, so a retry after a timeout cannot send twice), and a
 * delivery-report URL carrying the callback token.
 */
@Injectable()
export class EsmsChannel implements ChannelAdapter {
  private readonly config: MessagingConfig;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.config = config.messaging;
  }

  async send(request: ChannelSendRequest): Promise<ChannelOutcome> {
    const content = request.template.sms(request.params);
    const body = {
      ApiKey: this.config.esmsApiKey,
      SecretKey: this.config.esmsSecretKey,
      Phone: request.phone,
      Content: content,
      Brandname: this.config.esmsBrandname,
      SmsType: '2',
      // eslint-disable-next-line no-control-regex
      IsUnicode: /^[\x00-\x7f]*$/.test(content) ? '0' : '1',
      Sandbox: this.config.esmsSandbox ? '1' : '0',
      RequestId: request.attemptId,
      CallbackUrl: `${this.config.publicApiUrl}${ESMS_CALLBACK_PATH}/${this.config.esmsCallbackToken}`,
    };
    try {
      const response = await fetch(`${this.config.esmsApiUrl}/MainService.svc/json/SendMultipleMessage_V4_post_json/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      if (response.status >= 500) return { kind: 'ambiguous', error: `sms:http ${response.status}` };
      return classifyEsmsAnswer((await response.json()) as EsmsAnswer);
    } catch (error) {
      return transportOutcome('sms', error);
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, MessagingConfig } from '@nss/server-core';
import { ChannelAdapter, ChannelOutcome, ChannelSendRequest, transportOutcome } from '../channel-outcome';
import { ZaloOaTokens, OaConsentNeededError } from './zalo-oa-tokens';
import { ZnsAnswer, classifyZnsAnswer, znsQuotaLow } from './zns-answer';

/** 0912345678 → 84912345678 (ZNS wants the country code, no plus). */
export function znsPhone(nationalPhone: string): string {
  return `84${nationalPhone.replace(/^0/, '')}`;
}

/**
 * Zalo ZNS template messages: POST /message/template with the OA access token in a bare `access_token` header; the
 * attempt id as `tracking_id`. A refused token is refreshed once and the send retried once.
 */
@Injectable()
export class ZnsChannel implements ChannelAdapter {
  private readonly logger = new Logger(ZnsChannel.name);
  private readonly config: MessagingConfig;

  constructor(
    private readonly tokens: ZaloOaTokens,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.config = config.messaging;
  }

  async send(request: ChannelSendRequest): Promise<ChannelOutcome> {
    const zns = request.template.zns;
    if (!zns) return { kind: 'fallback', error: 'zns:no template' };
    const body = JSON.stringify({
      phone: znsPhone(request.phone),
      template_id: zns.templateId(this.config),
      template_data: zns.data(request.params),
      tracking_id: request.attemptId,
      ...(this.config.znsDevelopmentMode ? { mode: 'development' } : {}),
    });
    try {
      let token = await this.tokens.accessToken();
      let outcome = await this.post(token, body);
      if (outcome.kind === 'refresh_token') {
        token = await this.tokens.refresh(token);
        outcome = await this.post(token, body);
        if (outcome.kind === 'refresh_token') return { kind: 'retry', error: outcome.error, alert: true };
      }
      return outcome;
    } catch (error) {
      if (error instanceof OaConsentNeededError) return { kind: 'fallback', error: 'zns:oa token refresh failed', alert: true };
      throw error;
    }
  }

  private async post(token: string, body: string): Promise<ChannelOutcome> {
    let answer: ZnsAnswer;
    try {
      const response = await fetch(`${this.config.znsApiUrl}/message/template`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: token },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      if (response.status >= 500) return { kind: 'ambiguous', error: `zns:http ${response.status}` };
      answer = (await response.json()) as ZnsAnswer;
    } catch (error) {
      return transportOutcome('zns', error);
    }
    if (znsQuotaLow(answer)) this.logger.warn(`ALERT zns: daily quota low (${answer.data?.quota?.remainingQuota} left)`);
    return classifyZnsAnswer(answer);
  }
}

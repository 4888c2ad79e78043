import { DocumentLocks } from '@nss/server-core';
import {
  DeliveryRetryError,
  EsmsChannel,
  MessageAttemptsRepository,
  MessageCipher,
  MessageDelivery,
  MessagesRepository,
  ZaloOaTokens,
  ZaloOaTokensRepository,
  ZnsChannel,
  type DeliveryResult,
} from '@nss/notifications-api';
import type { TestApi } from './test-api';

const deliveries = new WeakMap<TestApi, MessageDelivery>();

/** The worker's delivery pipeline, built from the API's providers: exactly what NotificationsDeliveryModule wires. */
export function deliveryFor(api: TestApi): MessageDelivery {
  let delivery = deliveries.get(api);
  if (!delivery) {
    const cipher = api.app.get(MessageCipher);
    const locks = api.app.get(DocumentLocks);
    const tokens = new ZaloOaTokens(api.app.get(ZaloOaTokensRepository), cipher, locks, api.config);
    delivery = new MessageDelivery(
      api.app.get(MessagesRepository),
      api.app.get(MessageAttemptsRepository),
      cipher,
      locks,
      new ZnsChannel(tokens, api.config),
      new EsmsChannel(api.config),
    );
    deliveries.set(api, delivery);
  }
  return delivery;
}

/** Delivers a message as the worker's job would, its retries included (without the backoff waits). */
export async function deliverNow(api: TestApi, messageId: string, tries = 6): Promise<DeliveryResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deliveryFor(api).deliver(messageId, { lastTry: attempt >= tries });
    } catch (error) {
      if (!(error instanceof DeliveryRetryError) || attempt >= tries) throw error;
    }
  }
}

/** The simulator the test API's adapters talk to. */
export function simUrlOf(api: TestApi): string {
  return api.config.messaging.esmsApiUrl;
}

export interface StoredMessage {
  _id: { toHexString(): string };
  template: string;
  phone: string;
  state: string;
  sealedParams: string | null;
  channels: string[];
  channelIndex: number;
  lastError: string | null;
}

/** The newest outbox message of a phone (optionally of one template), read from the collection. */
export function latestMessage(api: TestApi, phone: string, template?: string): Promise<StoredMessage | null> {
  return api.connection
    .collection<StoredMessage>('notification_messages')
    .findOne({ phone, ...(template ? { template } : {}) }, { sort: { _id: -1 } });
}

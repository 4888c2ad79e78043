export { NotificationsModule } from './lib/notifications.module';
export { NotificationsOutboxModule } from './lib/notifications-outbox.module';
export { NotificationsWorkerModule, NotificationsDeliveryModule } from './lib/notifications-worker.module';
export { MessageOutbox, DELIVERY_JOB_OPTIONS, type OutgoingMessage } from './lib/outbox/message-outbox';
export { MessageDelivery, DeliveryRetryError, type DeliveryResult } from './lib/delivery/message-delivery';
export { NotificationJobsProcessor } from './lib/delivery/notification-jobs.processor';
export { OutboxRelay, OUTBOX_SWEEP_EVERY_MS } from './lib/delivery/outbox-relay';
export { MESSAGE_TEMPLATES } from './lib/templates/message-templates';
// The delivery pipeline's parts, for tests that deliver in-process exactly as NotificationsDeliveryModule wires it.
export { MessagesRepository } from './lib/outbox/messages.repository';
export { MessageAttemptsRepository } from './lib/outbox/message-attempts.repository';
export { MessageCipher } from './lib/outbox/message-cipher';
export { ZaloOaTokensRepository } from './lib/channels/zns/zalo-oa-tokens.repository';
export { ZaloOaTokens } from './lib/channels/zns/zalo-oa-tokens';
export { ZnsChannel } from './lib/channels/zns/zns-channel';
export { EsmsChannel } from './lib/channels/sms/esms-channel';

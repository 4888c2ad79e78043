export { NotificationsModule } from './lib/notifications.module';
export { NotificationsOutboxModule } from './lib/notifications-outbox.module';
export { NotificationsWorkerModule, NotificationsDeliveryModule } from './lib/notifications-worker.module';
export { MessageOutbox, DELIVERY_JOB_OPTIONS, type OutgoingMessage } from './lib/outbox/message-outbox';
export { MessageDelivery, DeliveryRetryError, type DeliveryResult } from './lib/delivery/message-delivery';
export { NotificationJobsProcessor } from './lib/delivery/notification-jobs.processor';
export { MESSAGE_TEMPLATES } from './lib/templates/message-templates';

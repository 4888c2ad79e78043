import { Module } from '@nestjs/common';
import { EsmsChannel } from './channels/sms/esms-channel';
import { ZaloOaTokens } from './channels/zns/zalo-oa-tokens';
import { ZnsChannel } from './channels/zns/zns-channel';
import { MessageDelivery } from './delivery/message-delivery';
import { NotificationJobsProcessor } from './delivery/notification-jobs.processor';
import { OutboxRelay } from './delivery/outbox-relay';
import { NotificationsOutboxModule } from './notifications-outbox.module';

const delivery = [ZaloOaTokens, ZnsChannel, EsmsChannel, MessageDelivery];

/** The channel adapters and the delivery pipeline, without a queue consumer (tests deliver in-process with it). */
@Module({ imports: [NotificationsOutboxModule], providers: delivery, exports: delivery })
export class NotificationsDeliveryModule {}

/** Notifications in the worker: the `notifications` queue consumer (delivery through ZNS and SMS, the outbox relay). */
@Module({ imports: [NotificationsOutboxModule, NotificationsDeliveryModule], providers: [OutboxRelay, NotificationJobsProcessor] })
export class NotificationsWorkerModule {}

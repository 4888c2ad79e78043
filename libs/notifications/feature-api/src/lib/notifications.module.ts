import { Module } from '@nestjs/common';
import { DeadLettersController } from './admin/dead-letters.controller';
import { DeadLettersService } from './admin/dead-letters.service';
import { NotificationsOutboxModule } from './notifications-outbox.module';
import { DeliveryReportsService } from './webhooks/delivery-reports.service';
import { DeliveryWebhooksController } from './webhooks/delivery-webhooks.controller';

/** Notifications in the API: delivery-report webhooks and the admins' dead-letter list. Sending is the worker's. */
@Module({
  imports: [NotificationsOutboxModule],
  controllers: [DeliveryWebhooksController, DeadLettersController],
  providers: [DeliveryReportsService, DeadLettersService],
})
export class NotificationsModule {}

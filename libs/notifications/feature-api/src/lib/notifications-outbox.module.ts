import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BullModule } from '@nestjs/bullmq';
import { QUEUES } from '@nss/server-core';
import { ZaloOaToken, ZaloOaTokenSchema } from './channels/zns/zalo-oa-token.schema';
import { ZaloOaTokensRepository } from './channels/zns/zalo-oa-tokens.repository';
import { MessageAttempt, MessageAttemptSchema } from './outbox/message-attempt.schema';
import { MessageAttemptsRepository } from './outbox/message-attempts.repository';
import { MessageCipher } from './outbox/message-cipher';
import { MessageOutbox } from './outbox/message-outbox';
import { NotificationMessage, NotificationMessageSchema } from './outbox/message.schema';
import { MessagesRepository } from './outbox/messages.repository';

const queue = BullModule.registerQueue({ name: QUEUES.notifications });
const providers = [MessagesRepository, MessageAttemptsRepository, ZaloOaTokensRepository, MessageCipher, MessageOutbox];

/**
 * The outbox's storage and queue, shared by the API side (NotificationsModule) and the worker side
 * (NotificationsWorkerModule). Other domains import this module for MessageOutbox.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: NotificationMessage.name, schema: NotificationMessageSchema },
      { name: MessageAttempt.name, schema: MessageAttemptSchema },
      { name: ZaloOaToken.name, schema: ZaloOaTokenSchema },
    ]),
    queue,
  ],
  providers,
  exports: [...providers, queue],
})
export class NotificationsOutboxModule {}

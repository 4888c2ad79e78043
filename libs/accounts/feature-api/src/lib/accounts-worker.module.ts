import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BullModule } from '@nestjs/bullmq';
import { QUEUES } from '@nss/server-core';
import { MaintenanceJobsProcessor } from './maintenance/maintenance-jobs.processor';
import { MaintenanceSchedule } from './maintenance/maintenance-schedule';
import { RefreshToken, RefreshTokenSchema } from './sessions/refresh-token.schema';
import { RefreshTokensRepository } from './sessions/refresh-tokens.repository';

/** Accounts in the worker: the hourly purge of expired refresh tokens (FerretDB has no TTL indexes). */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: RefreshToken.name, schema: RefreshTokenSchema }]),
    BullModule.registerQueue({ name: QUEUES.maintenance }),
  ],
  providers: [RefreshTokensRepository, MaintenanceJobsProcessor, MaintenanceSchedule],
})
export class AccountsWorkerModule {}

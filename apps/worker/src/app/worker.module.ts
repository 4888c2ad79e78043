import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig, AppConfigModule, AppLoggerModule, RedisModule } from '@nss/server-core';
import { CatalogWorkerModule } from '@nss/catalog-api';

/** The worker: the same infrastructure as the API, and the BullMQ consumers of each feature. No HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        AppLoggerModule.forRoot(config),
        MongooseModule.forRoot(config.MONGODB_URI, { autoIndex: true, serverSelectionTimeoutMS: 10_000 }),
        RedisModule,
        BullModule.forRoot({ connection: { url: config.REDIS_URL } }),
        // Consumer modules (one line each):
        CatalogWorkerModule,
      ],
    };
  }
}

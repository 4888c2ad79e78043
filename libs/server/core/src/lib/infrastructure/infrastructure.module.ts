import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '../config/app-config';
import { AppConfigModule } from '../config/config.module';
import { AppLoggerModule } from '../logging/logger.module';
import { RedisModule } from '../redis/redis.module';

/** What every process (API, worker, seed) stands on: configuration, logging, MongoDB, Redis and BullMQ. */
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig): DynamicModule {
    const modules = [
      AppConfigModule.forRoot(config),
      AppLoggerModule.forRoot(config),
      MongooseModule.forRoot(config.MONGODB_URI, { autoIndex: true, serverSelectionTimeoutMS: 10_000 }),
      RedisModule,
      BullModule.forRoot({ connection: { url: config.REDIS_URL } }),
    ];
    return { module: InfrastructureModule, imports: modules, exports: modules };
  }
}

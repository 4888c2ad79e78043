import { DynamicModule, Module } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { MongooseModule } from '@nestjs/mongoose';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '../config/app-config';
import { AppConfigModule } from '../config/config.module';
import { AppLoggerModule } from '../logging/logger.module';
import { RedisModule } from '../redis/redis.module';

/** Who runs on the infrastructure: the API produces jobs (and must not wait on Redis), the worker consumes them. */
export interface InfrastructureOptions {
  /**
   * 'api': queue commands fail at once while Redis is away (BullMQ's "failing fast when Redis is down": no offline
   * queue), so a request that enqueues answers 503 instead of hanging. 'worker' (the default): commands wait for the
   * reconnection, as BullMQ's workers need to resume by themselves.
   */
  role?: 'api' | 'worker';
  /** Routes that write their own sampled access log instead of one line per request (see AppLoggerModule). */
  ownAccessLog?: RouteInfo[];
}

/** What every process (API, worker, seed) stands on: configuration, logging, MongoDB, Redis and BullMQ. */
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, options: InfrastructureOptions = {}): DynamicModule {
    const modules = [
      AppConfigModule.forRoot(config),
      AppLoggerModule.forRoot(config, options.ownAccessLog),
      MongooseModule.forRoot(config.MONGODB_URI, {
        autoIndex: true,
        // Bounded waits while the database is away (then 503, see AllExceptionsFilter): choosing a server, opening a
        // connection, and Mongoose's own buffering of commands while disconnected.
        serverSelectionTimeoutMS: config.MONGODB_TIMEOUT_MS,
        connectTimeoutMS: config.MONGODB_TIMEOUT_MS,
        // A connection option of Mongoose 8 (connection.js reads it) missing from its ConnectOptions type.
        ...({ bufferTimeoutMS: config.MONGODB_TIMEOUT_MS } as object),
      }),
      RedisModule,
      BullModule.forRoot({
        connection: {
          url: config.REDIS_URL,
          connectTimeout: config.REDIS_TIMEOUT_MS,
          ...(options.role === 'api' ? { enableOfflineQueue: false } : {}),
        },
      }),
    ];
    return { module: InfrastructureModule, imports: modules, exports: modules };
  }
}

import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DocumentLocks } from '../locks/document-locks';
import { IDEMPOTENCY_STORE, IdempotencyInterceptor, RedisIdempotencyStore } from '../http/idempotency';

import { REDIS } from './redis.token';
import { QueueErrorListeners, RedisOutage } from './redis-outage';

export { REDIS };

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** Reconnection attempts a command waits through while Redis is away before it fails (then 503). */
const RETRIES_PER_REQUEST = 1;
/** Longest pause between two reconnection attempts (ioredis's default back-off grows to 2 s). */
const MAX_RECONNECT_DELAY_MS = 500;

/**
 * The shared client. While Redis is away ioredis reconnects by itself, every 500 ms at most; a command sent meanwhile
 * waits through at most two attempts (each bounded by REDIS_TIMEOUT_MS) and then fails, which the exception filter
 * answers with 503: about a second when the server refuses connections. The outage is logged once when it starts and
 * once when it ends (without a listener ioredis would print every failed attempt).
 */
export function createRedisClient(config: AppConfig, outage = new RedisOutage()): Redis {
  const redis = new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: RETRIES_PER_REQUEST,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
    connectTimeout: config.REDIS_TIMEOUT_MS,
    lazyConnect: false,
  });
  redis.on('error', (error: unknown) => outage.report(error));
  redis.on('ready', () => outage.recovered());
  return redis;
}

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG, RedisOutage],
      useFactory: (config: AppConfig, outage: RedisOutage) => createRedisClient(config, outage),
    },
    { provide: RedisOutage, useFactory: () => new RedisOutage() },
    QueueErrorListeners,
    RedisShutdown,
    DocumentLocks,
    { provide: IDEMPOTENCY_STORE, useClass: RedisIdempotencyStore },
    IdempotencyInterceptor,
  ],
  exports: [REDIS, RedisOutage, DocumentLocks, IDEMPOTENCY_STORE, IdempotencyInterceptor],
})
export class RedisModule {}

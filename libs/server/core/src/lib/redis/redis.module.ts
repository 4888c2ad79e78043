import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DocumentLocks } from '../locks/document-locks';
import { IDEMPOTENCY_STORE, IdempotencyInterceptor, RedisIdempotencyStore } from '../http/idempotency';

import { REDIS } from './redis.token';

export { REDIS };

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false }),
    },
    RedisShutdown,
    DocumentLocks,
    { provide: IDEMPOTENCY_STORE, useClass: RedisIdempotencyStore },
    IdempotencyInterceptor,
  ],
  exports: [REDIS, DocumentLocks, IDEMPOTENCY_STORE, IdempotencyInterceptor],
})
export class RedisModule {}

import { Controller, Get, Inject, Module } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import type { Connection } from 'mongoose';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Public, QUEUES, REDIS } from '@nss/server-core';

/** Liveness of every dependency: 200 when all are up, 503 naming the one that is down. */
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @InjectConnection() private readonly mongo: Connection,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(QUEUES.media) private readonly mediaQueue: Queue,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.probe('database', async () => {
        await this.mongo.db?.admin().command({ ping: 1 });
      }),
      () => this.probe('redis', async () => {
        const pong = await this.redis.ping();
        if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
      }),
      () => this.probe('queues', async () => {
        const counts = await this.mediaQueue.getJobCounts('waiting', 'active', 'failed', 'delayed');
        return { media: counts };
      }),
    ]);
  }

  private async probe(key: string, run: () => Promise<unknown>) {
    const indicator = this.indicator.check(key);
    const started = Date.now();
    try {
      const details = await withTimeout(run(), 3000);
      return indicator.up({ ms: Date.now() - started, ...(details && typeof details === 'object' ? details : {}) });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), BullModule.registerQueue({ name: QUEUES.media })],
  controllers: [HealthController],
})
export class HealthModule {}

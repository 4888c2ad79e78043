import { Controller, Get, HttpException, Inject, Module, Res } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type { Connection } from 'mongoose';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig, OptionalActor, Public, QUEUES, REDIS } from '@nss/server-core';
import type { Actor } from '@nss/server-core';

/**
 * Liveness of every dependency: 200 when all are up, 503 when one is down. Everyone gets the status; the details
 * (which dependency, timings, queue counts, error messages) go to admins, or to anyone when HEALTH_DETAILS_PUBLIC
 * (the default in development only).
 */
@Controller('health')
class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @InjectConnection() private readonly mongo: Connection,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(QUEUES.media) private readonly mediaQueue: Queue,
    @InjectQueue(QUEUES.notifications) private readonly notificationsQueue: Queue,
  ) {}

  @Get()
  @Public()
  async check(@OptionalActor() actor: Actor | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | { status: string }> {
    let result: HealthCheckResult;
    try {
      result = await this.runChecks();
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      reply.status(error.getStatus());
      result = error.getResponse() as HealthCheckResult;
    }
    const detailed = this.config.healthDetailsPublic || actor?.role === 'admin';
    return detailed ? result : { status: result.status };
  }

  private runChecks(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.probe('database', async () => {
        await this.mongo.db?.admin().command({ ping: 1 });
      }),
      () => this.probe('redis', async () => {
        const pong = await this.redis.ping();
        if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
      }),
      () => this.probe('queues', async () => {
        const [media, notifications] = await Promise.all(
          [this.mediaQueue, this.notificationsQueue].map((queue) => queue.getJobCounts('waiting', 'active', 'failed', 'delayed')),
        );
        return { media, notifications };
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
  imports: [TerminusModule.forRoot({ logger: false }), BullModule.registerQueue({ name: QUEUES.media }, { name: QUEUES.notifications })],
  controllers: [HealthController],
})
export class HealthModule {}

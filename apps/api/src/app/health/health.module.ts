import { Controller, Get, HttpException, Inject, Module, Res } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { ConnectionStates, type Connection } from 'mongoose';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig, OptionalActor, Public, QUEUES, REDIS, type Dependency } from '@nss/server-core';
import type { Actor } from '@nss/server-core';

/** What everyone is told when a check fails: the names of the dependencies that are down, never their errors. */
interface HealthStatus {
  status: string;
  down?: string[];
}

/**
 * Health for people and for orchestrators.
 * - `GET /api/health`: every dependency (database, Redis, queues); 200 when all are up, 503 when one is down. Everyone
 *   gets the status and, on a 503, the names of the dependencies down; the details (timings, queue counts, error
 *   messages) go to admins, or to anyone when HEALTH_DETAILS_PUBLIC (the default in development only).
 * - `GET /api/health/live`: liveness, 200 as long as the process serves requests (no dependency checked: restarting
 *   the API does not bring a database back).
 * - `GET /api/health/ready`: readiness, 503 while the database or Redis is down (take the replica out of rotation).
 */
@Controller('health')
class HealthController {
  private readonly timeoutMs: number;
  private readonly retryAfter: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @InjectConnection() private readonly mongo: Connection,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(QUEUES.media) private readonly mediaQueue: Queue,
    @InjectQueue(QUEUES.notifications) private readonly notificationsQueue: Queue,
  ) {
    // A probe waits no longer than a request would for the same dependency.
    this.timeoutMs = Math.max(config.MONGODB_TIMEOUT_MS, config.REDIS_TIMEOUT_MS);
    this.retryAfter = config.UNAVAILABLE_RETRY_AFTER_SECONDS;
  }

  @Get()
  @Public()
  async check(@OptionalActor() actor: Actor | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | HealthStatus> {
    const result = await this.run(reply, [this.database, this.redisPing, this.queues]);
    const detailed = this.config.healthDetailsPublic || actor?.role === 'admin';
    return detailed ? result : brief(result);
  }

  @Get('live')
  @Public()
  live(): HealthStatus {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthStatus> {
    return brief(await this.run(reply, [this.database, this.redisPing]));
  }

  /** Runs the checks; on a failure sets 503 and Retry-After on the reply and returns Terminus's result all the same. */
  private async run(reply: FastifyReply, checks: Array<() => Promise<HealthIndicatorResult>>): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      void reply.status(error.getStatus()).header('retry-after', String(this.retryAfter));
      return error.getResponse() as HealthCheckResult;
    }
  }

  private readonly database = () =>
    this.probe('database', async () => {
      // The driver's own state first: while no server is known a ping would wait for server selection.
      if (this.mongo.readyState !== ConnectionStates.connected || !this.mongo.db) throw new Error(`not connected (${ConnectionStates[this.mongo.readyState]})`);
      await this.mongo.db.admin().command({ ping: 1 });
    });

  private readonly redisPing = () =>
    this.probe('redis', async () => {
      // Not 'ready' is down: a command would only wait in the offline queue.
      if (this.redis.status !== 'ready') throw new Error(`not connected (${this.redis.status})`);
      const pong = await this.redis.ping();
      if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
    });

  private readonly queues = () =>
    this.probe('queues', async () => {
      const [media, notifications] = await Promise.all(
        [this.mediaQueue, this.notificationsQueue].map((queue) => queue.getJobCounts('waiting', 'active', 'failed', 'delayed')),
      );
      return { media, notifications };
    });

  private async probe(key: Dependency | 'queues', run: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const indicator = this.indicator.check(key);
    const started = Date.now();
    try {
      const details = await withTimeout(run(), this.timeoutMs);
      return indicator.up({ ms: Date.now() - started, ...(details && typeof details === 'object' ? details : {}) });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** The status, and on a failure the names of what is down (Terminus's `error` keys), for anyone to see. */
function brief(result: HealthCheckResult): HealthStatus {
  const down = Object.keys(result.error ?? {});
  return down.length > 0 ? { status: result.status, down } : { status: result.status };
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

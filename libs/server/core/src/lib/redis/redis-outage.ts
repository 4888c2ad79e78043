import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import { unavailableDependency } from '../errors/dependency-unavailable';

/**
 * One line when Redis goes away and one when it is back, for the whole process: the shared client and every BullMQ
 * queue and worker report their connection errors here instead of each printing every reconnection attempt (BullMQ
 * prints an error event nobody listens to with console.error). Other errors are logged as they come.
 */
export class RedisOutage {
  private downSince: number | null = null;

  constructor(private readonly logger = new Logger('Redis')) {}

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** An error of a Redis client: logged when it starts an outage, or when it is not about the connection at all. */
  report(error: unknown): void {
    if (unavailableDependency(error) !== 'redis') {
      this.logger.error(`Redis client error: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    const code = (error as { code?: unknown }).code;
    this.logger.error(`Redis unavailable (${typeof code === 'string' ? code : error instanceof Error ? error.name : 'error'}); reconnecting by itself (requests needing it answer 503, queues wait)`);
  }

  /** The shared client is connected again. */
  recovered(): void {
    if (this.downSince === null) return;
    this.logger.log(`Redis is back after ${Math.round((Date.now() - this.downSince) / 1000)} s`);
    this.downSince = null;
  }
}

/** Gives every BullMQ queue, queue-events listener and worker of the process an error listener reporting to RedisOutage. */
@Injectable()
export class QueueErrorListeners implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly outage: RedisOutage,
  ) {}

  onApplicationBootstrap(): void {
    const report = (error: unknown) => this.outage.report(error);
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof Queue) instance.on('error', report);
      else if (instance instanceof QueueEvents) instance.on('error', report);
      // Workers exist once @nestjs/bullmq registered them (module init); a host registered by hand may not have one.
      else if (instance instanceof WorkerHost) {
        try {
          instance.worker.on('error', report);
        } catch {
          /* no worker (manual registration not done): nothing to listen to */
        }
      }
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { REDIS, unavailableDependency } from '@nss/server-core';

/**
 * Redis hash bumped after every change that a public read model shows (approval, price, stock, photo ready):
 * `n` counts the changes, `epoch` names this life of the counter. A counter that is lost (Redis flushed, restarted
 * without persistence, failed over) comes back with a new epoch, so readers know to reload everything instead of
 * comparing counts of two different lives.
 */
export const CATALOG_VERSION_KEY = 'nss:catalog:readmodel';

/** Creates the epoch with the first bump of a new life of the key, atomically (one script). */
const BUMP = "if redis.call('hexists', KEYS[1], 'epoch') == 0 then redis.call('hset', KEYS[1], 'epoch', ARGV[1]) end return redis.call('hincrby', KEYS[1], 'n', 1)";

export interface CatalogVersionValue {
  /** '' while the key does not exist. */
  epoch: string;
  n: number;
}

@Injectable()
export class CatalogVersion {
  /** The read not sent yet, which callers arriving now may share. */
  private nextRead: Promise<CatalogVersionValue> | null = null;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Call after the database write has completed, never before (readers reload what changed once they see it). */
  async bump(): Promise<void> {
    await this.redis.eval(BUMP, 1, CATALOG_VERSION_KEY, randomBytes(6).toString('hex'));
  }

  /**
   * The current version. Concurrent callers share one read, but only a read that is sent after they called: it is
   * issued on the next turn of the event loop, so it still observes every bump that completed before any of its
   * callers asked (a search right after an approval sees it). Under load this turns one read per request into one
   * read per batch of requests parsed together.
   */
  current(): Promise<CatalogVersionValue> {
    this.nextRead ??= new Promise<CatalogVersionValue>((resolve, reject) => {
      setImmediate(() => {
        this.nextRead = null;
        this.redis.hmget(CATALOG_VERSION_KEY, 'epoch', 'n').then(([epoch, n]) => resolve({ epoch: epoch ?? '', n: n ? Number(n) : 0 }), reject);
      });
    });
    return this.nextRead;
  }

  /**
   * The current version, or null while Redis is away (at once when the client is not connected, instead of waiting
   * for its reconnection): the public reads then answer from what they hold in memory.
   */
  async currentOrUnknown(): Promise<CatalogVersionValue | null> {
    if (this.redis.status !== 'ready') return null;
    try {
      return await this.current();
    } catch (error) {
      if (unavailableDependency(error)) return null;
      throw error;
    }
  }
}

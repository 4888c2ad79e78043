import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@nss/server-core';

/** Redis counter bumped after every change that a public read model shows (approval, price, stock, photo ready). */
export const CATALOG_VERSION_KEY = 'nss:catalog:version';

@Injectable()
export class CatalogVersion {
  /** The read not sent yet, which callers arriving now may share. */
  private nextRead: Promise<number> | null = null;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Call after the database write has completed, never before (readers reload what changed once they see it). */
  async bump(): Promise<void> {
    await this.redis.incr(CATALOG_VERSION_KEY);
  }

  /**
   * The current version. Concurrent callers share one GET, but only a GET that is sent after they called: the read
   * is issued on the next turn of the event loop, so it still observes every bump that completed before any of its
   * callers asked (a search right after an approval sees it). Under load this turns one GET per request into one
   * GET per batch of requests parsed together.
   */
  current(): Promise<number> {
    this.nextRead ??= new Promise<number>((resolve, reject) => {
      setImmediate(() => {
        this.nextRead = null;
        this.redis.get(CATALOG_VERSION_KEY).then((value) => resolve(value ? Number(value) : 0), reject);
      });
    });
    return this.nextRead;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@nss/server-core';

/** Redis counter bumped after every change that a public read model shows (approval, price, stock, photo ready). */
export const CATALOG_VERSION_KEY = 'nss:catalog:version';

@Injectable()
export class CatalogVersion {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Call after the database write has completed, never before (readers reload what changed once they see it). */
  async bump(): Promise<void> {
    await this.redis.incr(CATALOG_VERSION_KEY);
  }

  async current(): Promise<number> {
    const value = await this.redis.get(CATALOG_VERSION_KEY);
    return value ? Number(value) : 0;
  }
}

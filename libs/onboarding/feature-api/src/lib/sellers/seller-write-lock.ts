import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError, REDIS } from '@nss/server-core';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const TTL_MS = 10_000;
const MAX_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One writer at a time per seller document. FerretDB applies every update as a whole-document read-modify-write
 * without isolation: two concurrent updates of *different* fields of one document lose one of them (and guarded
 * updates are not atomic). MongoDB does not need this, but the same code runs on both, so every write to a seller
 * document goes through here (a Redis lock with an owner token, released only by its owner).
 */
@Injectable()
export class SellerWriteLock {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async run<T>(sellerId: string, write: () => Promise<T>): Promise<T> {
    const key = `nss:lock:seller:${sellerId}`;
    const token = randomUUID();
    const deadline = Date.now() + MAX_WAIT_MS;
    while ((await this.redis.set(key, token, 'PX', TTL_MS, 'NX')) !== 'OK') {
      if (Date.now() > deadline) {
        throw new AppError(503, 'BUSY', 'Hệ thống đang bận, vui lòng thử lại', 'Busy, please try again');
      }
      await sleep(10 + Math.floor(Math.random() * 30));
    }
    try {
      return await write();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}

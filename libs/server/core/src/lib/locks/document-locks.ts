import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../errors/app-error';
import { REDIS } from '../redis/redis.token';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface LockOptions {
  /** How long the lock lives if its holder dies (ms). */
  ttlMs?: number;
  /** How long to wait for it before answering 409 (ms). */
  waitMs?: number;
  /** The bilingual message of that 409. */
  busy?: [string, string];
}

/**
 * One writer at a time per document, across API replicas and workers (they share Redis).
 *
 * Why: FerretDB 1.24 (SQLite) applies an update as a read-modify-write without isolation. Measured on the test
 * server: 20 concurrent guarded `$inc`s on stock 7 succeeded 13–20 times, and concurrent `$set`s of different fields
 * of one document lost writes (see catalog-compat.int-spec.ts). MongoDB does both atomically; taking this lock
 * around every write of a contended document makes the same code correct on both. The lock has an owner token and
 * is released only by its owner, so a holder that outlived its TTL cannot free someone else's lock.
 */
@Injectable()
export class DocumentLocks {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async run<T>(kind: string, id: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const key = `nss:lock:${kind}:${id}`;
    const token = randomBytes(9).toString('base64');
    const deadline = Date.now() + (options.waitMs ?? 5_000);
    while ((await this.redis.set(key, token, 'PX', options.ttlMs ?? 10_000, 'NX')) !== 'OK') {
      if (Date.now() > deadline) {
        const [message, messageEn] = options.busy ?? ['Dữ liệu đang được cập nhật, vui lòng thử lại', 'Being updated, try again'];
        throw AppError.conflict('BUSY', message, messageEn);
      }
      await new Promise((resolve) => setTimeout(resolve, 3 + Math.random() * 20));
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}

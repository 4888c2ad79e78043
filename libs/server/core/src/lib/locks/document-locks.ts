import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ExecutionError, type Lock, Redlock, ResourceLockedError } from '@sesamecare-oss/redlock';
import type { Redis } from 'ioredis';
import { AppError } from '../errors/app-error';
import { REDIS } from '../redis/redis.token';

export interface LockOptions {
  /** Lease length (ms): how long the lock outlives a holder that died. A live holder extends it while it works. */
  ttlMs?: number;
  /** How long to wait for it before answering 409 (ms). */
  waitMs?: number;
  /** The bilingual message of that 409. */
  busy?: [string, string];
}

/** What the work under a lock gets: its fencing token and a way to check, right before writing, that it still holds. */
export interface LockLease {
  /** Monotonic per lock key (Redis INCR at each acquisition): a later holder always has a larger token. */
  readonly fence: number;
  /** True once the lease could not be extended (the lock may belong to someone else now). */
  readonly lost: boolean;
  /** Throws 409 LOCK_LOST unless this holder still holds the lock and no later holder took a token. */
  assertHeld(): Promise<void>;
}

/** Lock keys are case- and space-insensitive: `ABC` and `abc` are one document (ids reach us in either case). */
export function lockKey(kind: string, id: string): string {
  return `nss:lock:${kind.trim().toLowerCase()}:${id.trim().toLowerCase()}`;
}

/** Filter and update parts that make a write refuse a holder whose fencing token is older than the last writer's. */
export function fenced(fence: number): { guard: Record<string, unknown>; set: { lockFence: number } } {
  return { guard: { $or: [{ lockFence: null }, { lockFence: { $lte: fence } }] }, set: { lockFence: fence } };
}

export function lockUnavailable(): AppError {
  return new AppError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'LOCK_UNAVAILABLE',
    'Hệ thống tạm thời không ghi được dữ liệu, vui lòng thử lại sau ít phút',
    'Writes are temporarily unavailable, try again in a few minutes',
  );
}

export function lockLost(): AppError {
  return AppError.conflict('LOCK_LOST', 'Thao tác quá lâu và đã bị huỷ, vui lòng thử lại', 'The operation took too long and was cancelled, try again');
}

/**
 * One writer at a time per document, across API replicas and workers (they share Redis).
 *
 * Why: FerretDB 1.24 (SQLite) applies an update as a read-modify-write without isolation. Measured on the test
 * server (catalog-compat.int-spec.ts, ferretdb-lost-writes.int-spec.ts): concurrent guarded `$inc`s oversell, and
 * concurrent `$set`s of different fields of one document lose writes. MongoDB does both atomically; taking this lock
 * around every write of a contended document makes the same code correct on both.
 *
 * The lock is Redlock's (@sesamecare-oss/redlock) on our single Redis: owner value, compare-and-delete release,
 * compare-and-extend. The holder's lease is extended while the work runs; every acquisition takes a fencing token
 * (INCR), so a holder that stalled past its lease is refused (`assertHeld`, `fenced`) instead of overwriting the
 * next holder's work. Redis being unreachable is a 503, not a 500.
 */
@Injectable()
export class DocumentLocks {
  private readonly logger = new Logger(DocumentLocks.name);
  private readonly redlock: Redlock;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    // One attempt per call: the waiting loop below tells "busy" (409) from "Redis down" (503).
    // Redlock's scripts SELECT their database themselves (default 0): give it the one REDIS_URL names (`…/3`), or the
    // lock would live in another database than its fencing token and every holder would be told it lost the lock.
    this.redlock = new Redlock([redis], { retryCount: 0, driftFactor: 0.01, db: redis.options.db ?? 0 });
    this.redlock.on('error', () => undefined);
  }

  async run<T>(kind: string, id: string, work: (lease: LockLease) => Promise<T>, options: LockOptions = {}): Promise<T> {
    const key = lockKey(kind, id);
    const ttl = Math.max(200, Math.round(options.ttlMs ?? 10_000));
    let lock = await this.acquire(key, ttl, options);
    const fence = await this.redis.incr(`${key}:fence`).catch(async () => {
      await lock.release().catch(() => undefined);
      throw lockUnavailable();
    });

    let lost = false;
    let timer: NodeJS.Timeout | undefined;
    let extending: Promise<void> | undefined;
    const schedule = () => {
      timer = setTimeout(() => {
        extending = lock.extend(ttl).then(
          (next) => {
            lock = next;
            schedule();
          },
          () => {
            lost = true;
            this.logger.warn(`lock lease lost: ${kind}`);
          },
        );
      }, Math.max(10, Math.floor(ttl / 3)));
      timer.unref();
    };
    schedule();

    const lease: LockLease = {
      fence,
      get lost() {
        return lost;
      },
      assertHeld: async () => {
        if (lost || lock.expiration < Date.now()) throw lockLost();
        const [owner, current] = await this.redis.mget(key, `${key}:fence`).catch(() => {
          throw lockUnavailable();
        });
        if (owner !== lock.value || Number(current) !== fence) {
          lost = true;
          throw lockLost();
        }
      },
    };
    try {
      return await work(lease);
    } finally {
      clearTimeout(timer);
      await extending?.catch(() => undefined);
      // A failed release (Redis gone) must not hide the work's outcome: the lease expires by itself.
      await lock.release().catch(() => undefined);
    }
  }

  /** Tries until `waitMs`: 409 when someone else holds the lock all along, 503 as soon as Redis fails. */
  private async acquire(key: string, ttl: number, options: LockOptions): Promise<Lock> {
    const deadline = Date.now() + (options.waitMs ?? 5_000);
    for (;;) {
      try {
        return await this.redlock.acquire([key], ttl);
      } catch (error) {
        const cause = await this.failureCause(error);
        if (cause) {
          this.logger.error(`lock ${key.split(':')[2]} unavailable: ${cause}`);
          throw lockUnavailable();
        }
      }
      if (Date.now() > deadline) {
        const [message, messageEn] = options.busy ?? ['Dữ liệu đang được cập nhật, vui lòng thử lại', 'Being updated, try again'];
        throw AppError.conflict('BUSY', message, messageEn);
      }
      await new Promise((resolve) => setTimeout(resolve, 3 + Math.random() * 20));
    }
  }

  /** Null when the attempt failed only because the key is held (Redis answered); otherwise what went wrong. */
  private async failureCause(error: unknown): Promise<string | null> {
    if (!(error instanceof ExecutionError) || error.attempts.length === 0) return error instanceof Error ? error.message : String(error);
    const stats = await Promise.all(error.attempts);
    const errors = stats.flatMap((s) => [...s.votesAgainst.values()]);
    const other = errors.find((e) => !(e instanceof ResourceLockedError));
    if (other) return other.message;
    return errors.length ? null : error.message;
  }
}

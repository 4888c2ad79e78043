import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { from, lastValueFrom, Observable } from 'rxjs';
import { ZodValidationException } from 'nestjs-zod';
import { AppError } from '../errors/app-error';
import { REDIS } from '../redis/redis.token';
import type { RequestWithActor } from '../auth/decorators';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';

const errorBodies = new AllExceptionsFilter();

/**
 * Idempotency keys (Stripe's model) for POST handlers that create something: `@Idempotent('checkout')`.
 *
 * - Header `Idempotency-Key` (1–255 visible ASCII) is required: 400 `IDEMPOTENCY_KEY_REQUIRED`.
 * - Keyed per caller (user id; a guest by its client address) + name + key, in Redis.
 * - The first request claims the key (`SET NX`, `{state:'running', hash}`, a 6 s lease renewed every 2 s while it
 *   runs: the claim of a process that died frees the key within seconds);
 *   at the end the record becomes `{state:'done', hash, status, body}` for 24 h.
 * - Same key + same body → the stored status and body again, with header `Idempotent-Replayed: true`.
 * - Same key + another body → 422 `IDEMPOTENCY_KEY_REUSED`.
 * - Same key while the first request still runs → 409 `IDEMPOTENCY_REQUEST_IN_PROGRESS`. The handler may answer that
 *   too (its own record of the first request says it still runs): not stored, the key stays free for a later retry.
 * - A handler whose work outlives a dead process (the checkout) also marks its own records with the key, so that a
 *   retry after the claim expired finds the first request's work instead of doing it twice.
 * - 5xx answers are not stored (the claim is dropped so a retry runs again); 4xx answers are stored and replayed,
 *   except a body refused by validation (400 VALIDATION_FAILED from the pipe): the work never started, the key stays free.
 */

export const IDEMPOTENCY_NAME = 'nss:idempotency';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** How long a running claim lives without renewal (a crashed holder frees the key after this). */
export const IDEMPOTENCY_LEASE_MS = 6_000;
/** How long a finished answer is kept for replay. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface RunningRecord {
  state: 'running';
  hash: string;
  /** Random per claim: only its holder renews, completes or drops it. */
  owner: string;
}

export interface DoneRecord {
  state: 'done';
  hash: string;
  status: number;
  body: unknown;
}

export type IdempotencyRecord = RunningRecord | DoneRecord;

/** Where the records live: Redis in the application, a map in unit tests. */
export interface IdempotencyStore {
  /** Claims the key; false when a record exists. */
  claim(key: string, record: RunningRecord, leaseMs: number): Promise<boolean>;
  get(key: string): Promise<IdempotencyRecord | null>;
  /** Extends the lease if `owner` still holds the claim. */
  renew(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Replaces the running claim of `owner` by the finished answer. */
  complete(key: string, owner: string, record: DoneRecord, ttlMs: number): Promise<void>;
  /** Drops the running claim of `owner` (the answer was a 5xx: a retry runs again). */
  release(key: string, owner: string): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

// Compare-and-act scripts: act only when the stored record is still the running claim of this owner.
const IF_OWNER = `local v = redis.call('GET', KEYS[1]) if not v then return 0 end
local ok, r = pcall(cjson.decode, v) if not ok or r.state ~= 'running' or r.owner ~= ARGV[1] then return 0 end `;
const RENEW = `${IF_OWNER} return redis.call('PEXPIRE', KEYS[1], ARGV[2])`;
const COMPLETE = `${IF_OWNER} redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1`;
const RELEASE = `${IF_OWNER} return redis.call('DEL', KEYS[1])`;

@Injectable()
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async claim(key: string, record: RunningRecord, leaseMs: number): Promise<boolean> {
    return (await this.redis.set(key, JSON.stringify(record), 'PX', leaseMs, 'NX')) === 'OK';
  }

  async get(key: string): Promise<IdempotencyRecord | null> {
    const raw = await this.redis.get(key);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as IdempotencyRecord;
    } catch {
      return null;
    }
  }

  async renew(key: string, owner: string, leaseMs: number): Promise<boolean> {
    return Number(await this.redis.eval(RENEW, 1, key, owner, String(leaseMs))) === 1;
  }

  async complete(key: string, owner: string, record: DoneRecord, ttlMs: number): Promise<void> {
    await this.redis.eval(COMPLETE, 1, key, owner, JSON.stringify(record), String(ttlMs));
  }

  async release(key: string, owner: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, key, owner);
  }
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest('hex');
}

export function idempotencyRedisKey(name: string, caller: string, key: string): string {
  const digest = createHash('sha256').update(key).digest('base64url');
  return `nss:idem:${name}:${caller}:${digest}`;
}

export function keyRequired(): AppError {
  return new AppError(HttpStatus.BAD_REQUEST, 'IDEMPOTENCY_KEY_REQUIRED', 'Thiếu hoặc sai khoá chống lặp (Idempotency-Key)', 'Missing or invalid Idempotency-Key header', [
    { path: 'Idempotency-Key', message: 'Bắt buộc, 1–255 ký tự ASCII hiển thị / required, 1–255 visible ASCII characters' },
  ]);
}

export function keyReused(): AppError {
  return new AppError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'IDEMPOTENCY_KEY_REUSED',
    'Khoá chống lặp này đã được dùng cho một yêu cầu khác',
    'This Idempotency-Key was already used for a different request',
    [{ path: 'Idempotency-Key', message: 'Đã dùng cho nội dung khác / used with another body' }],
  );
}

export function requestInProgress(): AppError {
  return AppError.conflict('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'Yêu cầu trước với cùng khoá đang được xử lý, vui lòng thử lại sau', 'A request with this Idempotency-Key is still being processed, try again later');
}

interface ReplyLike {
  statusCode: number;
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

interface IdempotentRequest extends RequestWithActor {
  method: string;
  url: string;
  routeOptions?: { url?: string };
  body?: unknown;
}

function isInProgress(error: unknown): boolean {
  return error instanceof AppError && (error.getResponse() as { code?: string }).code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS';
}

/** A stored 4xx answer thrown again: the exception filter sends its body unchanged. */
class ReplayedError extends HttpException {}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.run(context, next));
  }

  private async run(context: ExecutionContext, next: CallHandler): Promise<unknown> {
    const name = this.reflector.get<string | undefined>(IDEMPOTENCY_NAME, context.getHandler());
    if (!name) return lastValueFrom(next.handle(), { defaultValue: undefined });
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const reply = http.getResponse<ReplyLike>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    const key = Array.isArray(header) ? undefined : header;
    if (!key || !KEY_PATTERN.test(key)) throw keyRequired();

    const caller = request.actor ? `u:${request.actor.userId}` : `ip:${request.ip ?? 'unknown'}`;
    const redisKey = idempotencyRedisKey(name, caller, key);
    const path = request.url.split('?')[0] ?? request.url;
    const hash = requestHash(request.method, path, request.body);
    const owner = randomBytes(12).toString('base64url');

    // Claim, or find what the earlier request left (two tries: a running claim may vanish between SET and GET).
    for (let attempt = 0; ; attempt++) {
      if (await this.store.claim(redisKey, { state: 'running', hash, owner }, IDEMPOTENCY_LEASE_MS)) break;
      const existing = await this.store.get(redisKey);
      if (!existing) {
        if (attempt < 2) continue;
        throw requestInProgress();
      }
      if (existing.hash !== hash) throw keyReused();
      if (existing.state === 'running') throw requestInProgress();
      reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      if (existing.status >= 400) throw new ReplayedError(existing.body as Record<string, unknown>, existing.status);
      reply.status(existing.status);
      return existing.body;
    }

    const renewal = setInterval(() => {
      this.store.renew(redisKey, owner, IDEMPOTENCY_LEASE_MS).catch((error: unknown) => this.logger.warn(`lease renewal failed: ${String(error)}`));
    }, Math.floor(IDEMPOTENCY_LEASE_MS / 3));
    renewal.unref();
    try {
      let body: unknown;
      try {
        body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      } catch (error) {
        const status = error instanceof HttpException ? error.getStatus() : 500;
        // A body refused by validation never started the work (Stripe keeps no result for it either): the key stays
        // free, so the client may send the corrected request with it.
        if (error instanceof ZodValidationException || isInProgress(error)) {
          await this.store.release(redisKey, owner).catch(() => undefined);
        } else if (status >= 400 && status < 500 && !(error instanceof ReplayedError)) {
          // Stored as the client saw it (the exception filter's shape), so the replay is byte-for-byte the same.
          const stored = errorBodies.toBody(error);
          await this.store.complete(redisKey, owner, { state: 'done', hash, status, body: stored }, IDEMPOTENCY_TTL_MS).catch(() => undefined);
        } else {
          await this.store.release(redisKey, owner).catch(() => undefined);
        }
        throw error;
      }
      const status = reply.statusCode;
      if (status >= 500) await this.store.release(redisKey, owner).catch(() => undefined);
      else await this.store.complete(redisKey, owner, { state: 'done', hash, status, body: body ?? null }, IDEMPOTENCY_TTL_MS);
      return body;
    } finally {
      clearInterval(renewal);
    }
  }
}

/**
 * `@Idempotent('checkout')`: the handler needs an `Idempotency-Key` header and answers a retry with the first answer.
 * The interceptor needs `IDEMPOTENCY_STORE` (provided by `IdempotencyModule`, global in the API).
 */
export const Idempotent = (name: string) => applyDecorators(SetMetadata(IDEMPOTENCY_NAME, name), UseInterceptors(IdempotencyInterceptor));

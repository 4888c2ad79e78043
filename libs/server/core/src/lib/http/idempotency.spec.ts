import { CallHandler, ExecutionContext, HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, of, throwError } from 'rxjs';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { AppError } from '../errors/app-error';
import {
  canonicalJson,
  DoneRecord,
  IDEMPOTENCY_NAME,
  IdempotencyInterceptor,
  IdempotencyRecord,
  IdempotencyStore,
  idempotencyRedisKey,
  requestHash,
  RunningRecord,
} from './idempotency';

class MemoryStore implements IdempotencyStore {
  readonly records = new Map<string, IdempotencyRecord>();
  async claim(key: string, record: RunningRecord): Promise<boolean> {
    if (this.records.has(key)) return false;
    this.records.set(key, record);
    return true;
  }
  async get(key: string): Promise<IdempotencyRecord | null> {
    return this.records.get(key) ?? null;
  }
  async renew(key: string, owner: string): Promise<boolean> {
    const r = this.records.get(key);
    return r?.state === 'running' && r.owner === owner;
  }
  async complete(key: string, owner: string, record: DoneRecord): Promise<void> {
    const r = this.records.get(key);
    if (r?.state === 'running' && r.owner === owner) this.records.set(key, record);
  }
  async release(key: string, owner: string): Promise<void> {
    const r = this.records.get(key);
    if (r?.state === 'running' && r.owner === owner) this.records.delete(key);
  }
}

interface Call {
  key?: string;
  body?: unknown;
  userId?: string;
}

function handler() {
  return function checkout() {
    return undefined;
  };
}

function setup() {
  const store = new MemoryStore();
  const reflector = new Reflector();
  const interceptor = new IdempotencyInterceptor(reflector, store);
  const fn = handler();
  Reflect.defineMetadata(IDEMPOTENCY_NAME, 'checkout', fn);
  async function call(c: Call, next: CallHandler, status = 201) {
    const headers: Record<string, string> = {};
    const reply = {
      statusCode: status,
      status(code: number) {
        reply.statusCode = code;
        return reply;
      },
      header(name: string, value: string) {
        headers[name.toLowerCase()] = value;
        return reply;
      },
    };
    const request = {
      method: 'POST',
      url: '/api/checkout',
      headers: c.key === undefined ? {} : { 'idempotency-key': c.key },
      body: c.body,
      actor: c.userId ? { userId: c.userId, role: 'buyer' as const } : undefined,
    };
    const context = {
      getHandler: () => fn,
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
    } as unknown as ExecutionContext;
    const result = await lastValueFrom(interceptor.intercept(context, next));
    return { result, status: reply.statusCode, headers };
  }
  return { store, call };
}

function answering(value: unknown): CallHandler & { calls: number } {
  const h = {
    calls: 0,
    handle: () => {
      h.calls++;
      return of(value);
    },
  };
  return h;
}

function failing(error: unknown): CallHandler & { calls: number } {
  const h = {
    calls: 0,
    handle: () => {
      h.calls++;
      return throwError(() => error);
    },
  };
  return h;
}

async function rejection(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await p;
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), code: (error.getResponse() as { code: string }).code };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('IdempotencyInterceptor', () => {
  it('requires a visible-ASCII key of 1–255 characters', async () => {
    const { call } = setup();
    for (const key of [undefined, '', 'a b', 'x'.repeat(256), 'khoá']) {
      expect(await rejection(call({ key, body: {}, userId: 'u1' }, answering(1)))).toEqual({ status: 400, code: 'IDEMPOTENCY_KEY_REQUIRED' });
    }
    expect((await call({ key: 'x'.repeat(255), body: {}, userId: 'u1' }, answering(1))).result).toBe(1);
  });

  it('runs the handler once and replays the first answer for the same key and body', async () => {
    const { call } = setup();
    const first = answering({ orderId: 'o1' });
    const a = await call({ key: 'k1', body: { a: 1, b: 2 }, userId: 'u1' }, first);
    expect(a).toEqual({ result: { orderId: 'o1' }, status: 201, headers: {} });
    const second = answering({ orderId: 'o2' });
    const b = await call({ key: 'k1', body: { b: 2, a: 1 }, userId: 'u1' }, second, 200);
    expect(b.result).toEqual({ orderId: 'o1' });
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(second.calls).toBe(0);
  });

  it('answers 422 when the key comes back with another body', async () => {
    const { call } = setup();
    await call({ key: 'k1', body: { a: 1 }, userId: 'u1' }, answering(1));
    const again = answering(2);
    expect(await rejection(call({ key: 'k1', body: { a: 2 }, userId: 'u1' }, again))).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(again.calls).toBe(0);
  });

  it('answers 409 while the first request with the key still runs', async () => {
    const { call, store } = setup();
    await store.claim(idempotencyRedisKey('checkout', 'u:u1', 'k1'), { state: 'running', hash: requestHash('POST', '/api/checkout', { a: 1 }), owner: 'other' });
    expect(await rejection(call({ key: 'k1', body: { a: 1 }, userId: 'u1' }, answering(1)))).toEqual({ status: 409, code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS' });
  });

  it('keys per caller: another user with the same key runs on its own', async () => {
    const { call } = setup();
    await call({ key: 'k1', body: { a: 1 }, userId: 'u1' }, answering('first'));
    const other = answering('second');
    expect((await call({ key: 'k1', body: { a: 2 }, userId: 'u2' }, other)).result).toBe('second');
    expect(other.calls).toBe(1);
  });

  it('stores and replays 4xx answers', async () => {
    const { call } = setup();
    const error = AppError.conflict('OUT_OF_STOCK', 'Hết hàng', 'Out of stock');
    expect(await rejection(call({ key: 'k1', body: {}, userId: 'u1' }, failing(error)))).toEqual({ status: 409, code: 'OUT_OF_STOCK' });
    const again = answering('ok');
    expect(await rejection(call({ key: 'k1', body: {}, userId: 'u1' }, again))).toEqual({ status: 409, code: 'OUT_OF_STOCK' });
    expect(again.calls).toBe(0);
  });

  it('keeps the key free after a body refused by validation (the work never started)', async () => {
    const { call, store } = setup();
    const invalid = new ZodValidationException(new ZodError([]));
    expect(await rejection(call({ key: 'k1', body: { a: 'x' }, userId: 'u1' }, failing(invalid)))).toMatchObject({ status: 400 });
    expect(store.records.size).toBe(0);
    expect((await call({ key: 'k1', body: { a: 1 }, userId: 'u1' }, answering('ok'))).result).toBe('ok');
  });

  it('does not store 5xx answers: a retry runs again', async () => {
    const { call, store } = setup();
    await expect(call({ key: 'k1', body: {}, userId: 'u1' }, failing(new Error('boom')))).rejects.toThrow('boom');
    expect(store.records.size).toBe(0);
    const unavailable = new AppError(503, 'LOCK_UNAVAILABLE', 'x', 'x');
    expect(await rejection(call({ key: 'k1', body: {}, userId: 'u1' }, failing(unavailable)))).toEqual({ status: 503, code: 'LOCK_UNAVAILABLE' });
    const retry = answering('ok');
    expect((await call({ key: 'k1', body: {}, userId: 'u1' }, retry)).result).toBe('ok');
    expect(retry.calls).toBe(1);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: undefined, e: null })).toBe('{"b":[{"c":2,"d":1}],"e":null}');
  });
});

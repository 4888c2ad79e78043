import { randomBytes } from 'node:crypto';
import { Body, CanActivate, Controller, ExecutionContext, Injectable, Module, Post } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import {
  AllExceptionsFilter,
  AppError,
  Idempotent,
  IDEMPOTENCY_STORE,
  IdempotencyInterceptor,
  REDIS,
  RedisIdempotencyStore,
  type RequestWithActor,
} from '@nss/server-core';

/**
 * `@Idempotent(name)` over real HTTP (Fastify + Nest) and the real Redis named by REDIS_URL, on a small controller
 * whose handler counts its runs. Checkout's own idempotency is tested in orders-checkout.int-spec.ts.
 */
const runs = { count: 0 };
let gate: Promise<void> = Promise.resolve();

@Injectable()
class TestActorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const user = request.headers['x-test-user'];
    if (typeof user === 'string') request.actor = { userId: user, role: 'buyer' };
    return true;
  }
}

@Controller('things')
class ThingsController {
  @Post()
  @Idempotent('things')
  async create(@Body() body: { name?: string; fail?: 'conflict' | 'crash' }): Promise<{ id: string; name?: string }> {
    runs.count++;
    await gate;
    if (body.fail === 'conflict') throw AppError.conflict('OUT_OF_STOCK', 'Hết hàng', 'Out of stock');
    if (body.fail === 'crash') throw new Error('crash');
    return { id: randomBytes(6).toString('hex'), name: body.name };
  }
}

describe('@Idempotent over HTTP (real Redis)', () => {
  let app: NestFastifyApplication;
  let redis: Redis;
  const prefix = randomBytes(4).toString('hex');
  const key = (n: string) => `${prefix}-${n}`;

  beforeAll(async () => {
    const url = process.env['REDIS_URL'];
    if (!url) throw new Error('REDIS_URL is required');
    redis = new Redis(url);
    @Module({
      controllers: [ThingsController],
      providers: [
        { provide: REDIS, useValue: redis },
        { provide: IDEMPOTENCY_STORE, useClass: RedisIdempotencyStore },
        IdempotencyInterceptor,
        { provide: APP_GUARD, useClass: TestActorGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    })
    class TestModule {}
    const moduleRef = await Test.createTestingModule({ imports: [TestModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    const keys = await redis.keys('nss:idem:things:*');
    if (keys.length) await redis.del(...keys);
    await app.close();
    await redis.quit();
  });
  beforeEach(() => {
    runs.count = 0;
    gate = Promise.resolve();
  });

  async function post(body: unknown, headers: Record<string, string>) {
    const response = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
    return { status: response.statusCode, body: response.json() as Record<string, unknown>, headers: response.headers };
  }

  it('asks for the key', async () => {
    const r = await post({ name: 'a' }, { 'x-test-user': 'u1' });
    expect(r.status).toBe(400);
    expect(r.body['code']).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(runs.count).toBe(0);
  });

  it('replays the same key and body with Idempotent-Replayed: true and runs once', async () => {
    const first = await post({ name: 'a' }, { 'x-test-user': 'u1', 'idempotency-key': key('same') });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post({ name: 'a' }, { 'x-test-user': 'u1', 'idempotency-key': key('same') });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(runs.count).toBe(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for another body', async () => {
    await post({ name: 'a' }, { 'x-test-user': 'u1', 'idempotency-key': key('reuse') });
    const other = await post({ name: 'b' }, { 'x-test-user': 'u1', 'idempotency-key': key('reuse') });
    expect(other.status).toBe(422);
    expect(other.body['code']).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(runs.count).toBe(1);
  });

  it('answers 409 IDEMPOTENCY_REQUEST_IN_PROGRESS to a duplicate sent while the first runs', async () => {
    let open: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (open = resolve));
    const first = post({ name: 'slow' }, { 'x-test-user': 'u1', 'idempotency-key': key('busy') });
    while (runs.count === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const duplicate = await post({ name: 'slow' }, { 'x-test-user': 'u1', 'idempotency-key': key('busy') });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body['code']).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
    open();
    expect((await first).status).toBe(201);
    expect(runs.count).toBe(1);
  });

  it('stores a 4xx answer and replays it; does not store a 5xx answer', async () => {
    const conflict = await post({ fail: 'conflict' }, { 'x-test-user': 'u1', 'idempotency-key': key('4xx') });
    expect(conflict.status).toBe(409);
    const replay = await post({ fail: 'conflict' }, { 'x-test-user': 'u1', 'idempotency-key': key('4xx') });
    expect(replay.status).toBe(409);
    expect(replay.body).toEqual(conflict.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(runs.count).toBe(1);

    const crash = await post({ fail: 'crash' }, { 'x-test-user': 'u1', 'idempotency-key': key('5xx') });
    expect(crash.status).toBe(500);
    const retry = await post({ fail: 'crash' }, { 'x-test-user': 'u1', 'idempotency-key': key('5xx') });
    expect(retry.status).toBe(500);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(runs.count).toBe(3);
  });

  it('keys per caller: the same key from another user is a new request', async () => {
    const mine = await post({ name: 'a' }, { 'x-test-user': 'u1', 'idempotency-key': key('caller') });
    const theirs = await post({ name: 'other' }, { 'x-test-user': 'u2', 'idempotency-key': key('caller') });
    expect(theirs.status).toBe(201);
    expect(theirs.body['id']).not.toBe(mine.body['id']);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(runs.count).toBe(2);
  });
});

// The floor of the scan page's own work, for bench:scan: a bare Fastify server (no Nest, no hooks, no logging) that
// per request does what a scan cannot skip — the per-client rate limit (rate-limiter-flexible on Redis, as the API),
// one Lua script that counts a scan of the stamp and reads its copy, the outbox push of a ~400-byte record — and sends
// a page of the scan page's size. What the API adds on top of this is the framework, the headers, the verdict and the
// real page; what this floor cannot reach, the API cannot either.
// Usage: node tools/bench/scan-floor-server.mjs <port> <redis url> <page bytes>
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';

const [port = '3998', redisUrl = 'redis://127.0.0.1:6379', pageBytes = '4200'] = process.argv.slice(2);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'floor:rl', points: 1_000_000_000, duration: 60 });
redis.defineCommand('floorCount', {
  numberOfKeys: 3,
  lua: `
local m = redis.call('HGETALL', KEYS[1])
redis.call('HINCRBY', KEYS[2], 'n', 1)
redis.call('HSETNX', KEYS[2], 'first', ARGV[1])
redis.call('RPUSH', KEYS[3], ARGV[2])
redis.call('LTRIM', KEYS[3], -10, -1)
return { m, redis.call('HGETALL', KEYS[2]), redis.call('LRANGE', KEYS[3], 0, -1) }
`,
});
const page = `<!doctype html><html lang="vi"><body>${'x'.repeat(Math.max(0, Number(pageBytes) - 60))}</body></html>`;
const record = JSON.stringify({ k: 'scan', id: randomBytes(12).toString('hex'), pad: 'x'.repeat(320) });

const app = Fastify({ logger: false });
app.get('/t/:serial', async (request, reply) => {
  const { serial } = request.params;
  await limiter.consume('client');
  await redis.floorCount(`floor:{${serial}}:m`, `floor:{${serial}}:scans`, `floor:{${serial}}:recent`, String(Date.now()), `${Date.now()}|client`);
  await redis.rpush('floor:pending', record);
  return reply.header('content-type', 'text/html; charset=utf-8').send(page);
});
// The outbox is not drained here: keep it from growing without bound over a run.
setInterval(() => void redis.ltrim('floor:pending', -1000, -1), 1000).unref();
await app.listen({ port: Number(port), host: '127.0.0.1' });

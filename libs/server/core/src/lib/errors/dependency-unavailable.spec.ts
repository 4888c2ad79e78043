import { Logger } from '@nestjs/common';
import { once } from 'node:events';
import net from 'node:net';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { AllExceptionsFilter, topologyOf } from './all-exceptions.filter';
import { ServiceUnavailableError, unavailableDependency } from './dependency-unavailable';

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

// Port 1 on this machine: nothing listens, so every connection is refused at once, as with a stopped dependency.
const NOWHERE = '127.0.0.1:1';

describe('errors of a dependency that is away (real errors of the drivers)', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('names the database for the MongoDB driver failing to find a server', async () => {
    const client = new mongoose.mongo.MongoClient(`mongodb://${NOWHERE}/x`, { serverSelectionTimeoutMS: 200 });
    const error = await rejection(client.db().collection('c').findOne({}));
    await client.close();
    expect((error as Error).name).toBe('MongoServerSelectionError');
    expect(unavailableDependency(error)).toBe('database');
  });

  it('names the database for a bulk write whose server went away (the driver wraps it in MongoBulkWriteError)', async () => {
    // Found by the fault suite: a checkout's insertMany during a FerretDB restart answered 500.
    const client = new mongoose.mongo.MongoClient(`mongodb://${NOWHERE}/x`, { serverSelectionTimeoutMS: 200 });
    await rejection(client.db().collection('c').findOne({}));
    const error = await rejection(client.db().collection('c').insertMany([{ a: 1 }, { a: 2 }]));
    await client.close();
    expect((error as Error).name).toBe('MongoBulkWriteError');
    expect(unavailableDependency(error)).toBe('database');
    // A bulk write refused for its data (a duplicate key) is not an outage.
    const duplicate = Object.assign(new Error('E11000 duplicate key error collection: x.c index: _id_'), { name: 'MongoBulkWriteError', code: 11000 });
    expect(unavailableDependency(duplicate)).toBeNull();
  });

  it("names the database for Node's write-after-FIN error the Mongo driver lets through (a server that closed the socket)", async () => {
    // Found restarting FerretDB under load: the driver wrote a command on a pooled connection the server had just
    // closed, and Node's own EPIPE error reached the filter unwrapped: 500. The real error, from a real socket:
    const server = net.createServer((socket) => socket.end());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    await once(socket, 'end');
    const failed = once(socket, 'error');
    socket.write('hello');
    const [error] = (await failed) as [Error & { code?: string }];
    socket.destroy();
    server.close();
    expect({ code: error.code, message: error.message }).toEqual({ code: 'EPIPE', message: 'This socket has been ended by the other party' });
    // Its stack as the API logged it, through the driver's connection; and the same error through ioredis or elsewhere.
    const frames = (file: string) => Object.assign(new Error(error.message), { code: error.code, stack: `Error: ${error.message}\n    at Socket.writeAfterFIN [as write] (node:net:566:14)\n    at ${file}` });
    expect(unavailableDependency(frames('Connection.writeCommand (/app/node_modules/mongodb/lib/cmap/connection.js:392:25)'))).toBe('database');
    expect(unavailableDependency(frames('Redis.sendCommand (/app/node_modules/ioredis/built/Redis.js:387:28)'))).toBe('redis');
    expect(unavailableDependency(frames('ClientRequest.write (node:_http_client:120:3)'))).toBeNull();
  });

  it("names the database for Mongoose's buffering timeout (a model used while disconnected)", async () => {
    const connection = mongoose.createConnection();
    const Thing = connection.model('Thing', new mongoose.Schema({ name: String }, { bufferTimeoutMS: 100 }));
    const error = await rejection(Thing.findOne({}).exec());
    await connection.close();
    expect(String((error as Error).message)).toMatch(/buffering timed out/);
    expect(unavailableDependency(error)).toBe('database');
  });

  it('names Redis for ioredis giving a command up, with or without the offline queue', async () => {
    const cases = [
      { maxRetriesPerRequest: 1, enableOfflineQueue: true },
      { maxRetriesPerRequest: 0, enableOfflineQueue: true },
      { maxRetriesPerRequest: 1, enableOfflineQueue: false },
    ];
    for (const options of cases) {
      const redis = new Redis({ port: 1, ...options, retryStrategy: () => 20 });
      redis.on('error', () => undefined);
      const error = await rejection(redis.get('anything'));
      redis.disconnect();
      expect({ options, dependency: unavailableDependency(error) }).toEqual({ options, dependency: 'redis' });
    }
  });

  it('follows a wrapped cause, and leaves unrelated errors (a provider refused over HTTP) alone', () => {
    const selection = Object.assign(new Error('Server selection timed out'), { name: 'MongoServerSelectionError' });
    expect(unavailableDependency(new Error('lock failed', { cause: selection }))).toBe('database');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7400'), { code: 'ECONNREFUSED' });
    expect(unavailableDependency(new TypeError('fetch failed', { cause: refused }))).toBeNull();
    expect(unavailableDependency(new Error('Connection is closing soon'))).toBeNull();
    expect(unavailableDependency(null)).toBeNull();
  });

  it('answers 503 SERVICE_UNAVAILABLE in both languages with the configured Retry-After, never 500', () => {
    const filter = new AllExceptionsFilter({ UNAVAILABLE_RETRY_AFTER_SECONDS: 7 } as never);
    const headers: Record<string, string> = {};
    let status = 0;
    let sent: unknown;
    const reply = {
      status: (code: number) => ((status = code), reply),
      header: (name: string, value: string) => ((headers[name] = value), reply),
      send: (body: unknown) => (sent = body),
    };
    const host = { switchToHttp: () => ({ getResponse: () => reply }) } as never;
    filter.catch(Object.assign(new Error('x'), { name: 'MongoNetworkError' }), host);
    expect({ status, retryAfter: headers['retry-after'], sent }).toEqual({
      status: 503,
      retryAfter: '7',
      sent: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/gián đoạn/), messageEn: expect.stringMatching(/unavailable/i) },
    });
    filter.catch(new ServiceUnavailableError(12), host);
    expect({ status, retryAfter: headers['retry-after'] }).toEqual({ status: 503, retryAfter: '12' });
  });
});

describe('what the 503 log says about the database', () => {
  it("names each server the driver knew of, its type and its last error (the driver's real selection error)", async () => {
    const client = new mongoose.mongo.MongoClient(`mongodb://${NOWHERE}/x`, { serverSelectionTimeoutMS: 200 });
    const error = await rejection(client.db().collection('c').findOne({}));
    await client.close();
    expect(topologyOf(error)).toMatch(/^; servers: 127\.0\.0\.1:1 Unknown \(connect ECONNREFUSED 127\.0\.0\.1:1\)$/);
    expect(topologyOf(new Error('other'))).toBe('');
  });
});

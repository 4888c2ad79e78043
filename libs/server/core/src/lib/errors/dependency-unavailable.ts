import { AppError } from './app-error';

/** The dependencies whose absence turns a request into a 503 (health and readiness name them). */
export type Dependency = 'database' | 'redis';

/** Seconds a client is asked to wait when a dependency is away, unless configured (UNAVAILABLE_RETRY_AFTER_SECONDS). */
export const DEFAULT_UNAVAILABLE_RETRY_AFTER = 30;

/**
 * 503 SERVICE_UNAVAILABLE with a Retry-After header (set by the exception filter): a dependency (the database, Redis)
 * cannot answer for a moment. Not a bug, so no error id; the client may try again.
 */
export class ServiceUnavailableError extends AppError {
  constructor(
    readonly retryAfter = DEFAULT_UNAVAILABLE_RETRY_AFTER,
    readonly dependency?: Dependency,
  ) {
    super(503, 'SERVICE_UNAVAILABLE', 'Hệ thống tạm thời gián đoạn, vui lòng thử lại sau ít phút', 'Temporarily unavailable, try again in a few minutes');
  }
}

// The MongoDB driver's errors meaning "no server to talk to" (by name: the driver may be loaded twice, so no instanceof).
const MONGO_DOWN = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

// A driver error of another name (MongoBulkWriteError wraps the network error of a bulk write, keeping only its
// message) whose message says the server could not be reached.
const MONGO_DOWN_MESSAGES = /^(connect |read |write )?E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH)\b|^connection .* (closed|timed out)|^Server selection timed out|^Topology is closed/;

// ioredis: the command was given up (retries spent, offline queue off, connection closed) or the socket failed.
const REDIS_DOWN_MESSAGES = [/^Connection is closed\.?$/, /enableOfflineQueue options? is false/, /^Reached the max retries per request limit/];
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// Node's own error for a write on a socket the peer has closed (`writeAfterFIN`, code EPIPE). The Mongo driver 6.x
// throws it unwrapped when it writes a command on a pooled connection the server closed a moment before (seen restarting
// FerretDB under load: two 500s in eight restarts); whose socket it was is in the stack.
const WRITE_AFTER_FIN = 'This socket has been ended by the other party';
const MONGO_DRIVER_FRAME = /[\\/]node_modules[\\/]mongodb[\\/]/;
const IOREDIS_FRAME = /[\\/]node_modules[\\/]ioredis[\\/]/;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  stack?: unknown;
}

/**
 * Which dependency an error says is away: the database (MongoDB driver errors, Mongoose's buffering timeout), Redis
 * (ioredis giving a command up, which also covers BullMQ's `add` and rate-limiter-flexible), or null for anything
 * else. Follows `cause` a few levels, since libraries wrap errors.
 */
export function unavailableDependency(error: unknown): Dependency | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const e = current as ErrorLike;
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (MONGO_DOWN.has(name)) return 'database';
    if (e.code === 'EPIPE' && message === WRITE_AFTER_FIN && typeof e.stack === 'string') {
      if (MONGO_DRIVER_FRAME.test(e.stack)) return 'database';
      if (IOREDIS_FRAME.test(e.stack)) return 'redis';
    }
    if (name.startsWith('Mongo') && MONGO_DOWN_MESSAGES.test(message)) return 'database';
    if (name === 'MongooseError' && /buffering timed out/.test(message)) return 'database';
    if (name === 'MaxRetriesPerRequestError' || REDIS_DOWN_MESSAGES.some((re) => re.test(message))) return 'redis';
    // A bare socket error thrown as is comes from ioredis (the Mongo driver wraps its own in MongoNetworkError, fetch
    // in a TypeError whose cause it is: an HTTP provider away is not Redis, so only the outermost error counts here).
    if (depth === 0 && typeof e.code === 'string' && SOCKET_CODES.has(e.code) && /^(connect |read |write )?E[A-Z_]+/.test(message)) return 'redis';
    current = e.cause;
  }
  return null;
}

/** Injection token of the shared ioredis client (rate limits, locks, caches, pub/sub publishing). */
export const REDIS = Symbol('REDIS');

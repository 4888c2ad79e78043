import { Injectable, Logger, RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { productIdParamsSchema, searchQuerySchema, type SearchQuery } from '@nss/contracts';
import { answerConditional, logPath } from '@nss/server-core';
import { vnDayKey } from '@nss/util-vn';
import { LRUCache } from 'lru-cache';
import { CatalogSearchIndex } from './catalog-search-index';
import { catalogEtag } from './catalog-validators.interceptor';
import { CatalogVersion } from './catalog-version';

/** The Nest routes this fast path answers for (global prefix included). */
export const FAST_READ_ROUTES = { search: '/api/search', product: '/api/products/:id' } as const;

/**
 * The same routes as Nest's middleware sees them (under the global prefix): the per-request logger middleware skips
 * them, and the route-level hook below writes their access log instead.
 */
export const CATALOG_FAST_READ_LOGGED_ROUTES: RouteInfo[] = [
  { path: 'search', method: RequestMethod.GET },
  { path: 'products/:id', method: RequestMethod.GET },
];

/** One successful answer in this many is logged; every error (4xx, 5xx) is. */
const ACCESS_LOG_SAMPLE = 100;

/** Serialised answers kept: ~5 KB a search page, ~1.5 KB a product page; at most 32 MB of text in all. */
const ANSWER_ENTRIES = 20_000;
const ANSWER_CHARS = 32 * 1024 * 1024;

const JSON_TYPE = 'application/json; charset=utf-8';

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/**
 * The fast path of the two hottest public reads, `GET /api/search` and `GET /api/products/:id` (issue 9 § 4).
 *
 * Profiled under load (bench:catalog, `node --cpu-prof`), a cached search spent most of its time in Nest's request
 * pipeline (router, the global guard, the interceptor's observables, the validation pipe, the response path), not in
 * search. These two routes stay Nest routes — documented in OpenAPI, in the authorization matrix, with their guard,
 * interceptor, pipe and filter — but each gets a route-level Fastify `onRequest` hook (added when Nest registers the
 * route) that answers the common case itself and lets every other case through to Nest unchanged:
 *
 * - it runs after the server's own hooks, so the security headers and the `no-store` rule are the same for both paths;
 * - request log: one line per request cost a fifth of the CPU of a cached read (pino-http builds a child logger and
 *   serialises the request even below the log level), so these routes skip the logger middleware and log here, in
 *   the same shape: every error answer (4xx, 5xx; whichever path answered it) and one success in ACCESS_LOG_SAMPLE
 *   (marked `sampled`);
 * - the query/params are validated with the same zod schema; an invalid request goes on to Nest, which answers the
 *   same 400 (field + reason, bilingual) as before; so does an unknown product (404) and anything that fails;
 * - without Redis (catalogue version unknown) it lets Nest answer from memory with `no-store`, as before;
 * - it skips the guard: both routes are public and their answer does not depend on who asks (a token is ignored);
 * - its ETag is the catalogue version read once per request (before the data, as the interceptor does), with the
 *   same `If-None-Match` handling (304, no body), and the index is brought up to that version first, so a moderation
 *   or price change is visible on the next request;
 * - answers are the same JSON text the controllers send, serialised once and kept in a bounded LRU keyed by the
 *   validated query (or the id) and the Vietnam day (OCOP stars lapse at midnight), emptied whenever the index changes.
 */
@Injectable()
export class CatalogReadRoutes {
  private readonly logger = new Logger(CatalogReadRoutes.name);
  /** Serialised answers, bounded in entries and in characters (a flood of distinct queries cannot grow memory). */
  private readonly answers = new LRUCache<string, string>({ max: ANSWER_ENTRIES, maxSize: ANSWER_CHARS, sizeCalculation: (json) => Math.max(1, json.length) });
  private successes = 0;
  /** The index revision the cached answers were made from. */
  private answersRevision = -1;

  constructor(
    private readonly index: CatalogSearchIndex,
    private readonly version: CatalogVersion,
  ) {}

  /**
   * Adds the hooks to the Nest routes as they are registered (call before the application's `init`), and refuses to
   * start when a route was not found (renamed routes must not silently lose their fast path).
   */
  register(fastify: FastifyInstance): void {
    const hooked = new Set<string>();
    fastify.addHook('onRoute', (route) => {
      if (route.method !== 'GET' && !(Array.isArray(route.method) && route.method.includes('GET'))) return;
      if (route.url === FAST_READ_ROUTES.search) this.prepend(route, (request, reply) => this.search(request, reply));
      else if (route.url === FAST_READ_ROUTES.product) this.prepend(route, (request, reply) => this.product(request, reply));
      else return;
      hooked.add(route.url);
    });
    fastify.addHook('onReady', async () => {
      const missing = Object.values(FAST_READ_ROUTES).filter((url) => !hooked.has(url));
      if (missing.length) throw new Error(`catalogue fast read path: no route ${missing.join(', ')} was registered`);
    });
  }

  private prepend(route: RouteOptions, hook: Hook): void {
    const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [hook, ...existing] as RouteOptions['onRequest'];
    const logged = route.onResponse ? (Array.isArray(route.onResponse) ? route.onResponse : [route.onResponse]) : [];
    route.onResponse = [...logged, (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      this.logAccess(request, reply);
      done();
    }] as RouteOptions['onResponse'];
  }

  /** The access log line pino-http would write (method, path without query, status, time), for errors and a sample. */
  private logAccess(request: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode;
    if (status < 400 && ++this.successes % ACCESS_LOG_SAMPLE !== 0) return;
    const entry = {
      // `originalUrl`: Nest's middleware layer (middie) leaves `url` stripped of the path it matched.
      req: { id: request.id, method: request.method, path: logPath(request.originalUrl) },
      res: { statusCode: status },
      responseTime: Math.round(reply.elapsedTime),
      ...(status < 400 ? { sampled: ACCESS_LOG_SAMPLE } : {}),
    };
    if (status >= 500) this.logger.error(entry, 'request errored');
    else this.logger.log(entry, 'request completed');
  }

  /** `undefined`: not answered here, Nest's route goes on. */
  private async search(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.method !== 'GET') return undefined;
    const parsed = searchQuerySchema.safeParse(request.query);
    if (!parsed.success) return undefined;
    const query = parsed.data;
    return this.answer(request, reply, `s${searchKey(query)}`, true, (today) => {
      const result = this.index.searchLoaded(query, today);
      return JSON.stringify({ ...result, page: query.page, pageSize: query.pageSize });
    });
  }

  private async product(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.method !== 'GET') return undefined;
    const parsed = productIdParamsSchema.safeParse(request.params);
    if (!parsed.success) return undefined;
    const { id } = parsed.data;
    return this.answer(request, reply, `p${id}`, false, () => {
      const doc = this.index.publishedSource(id);
      return doc ? JSON.stringify(this.index.detailOf(doc)) : undefined;
    });
  }

  /**
   * Version (ETag), fresh index, cached or new JSON, then 200 or 304; `make` gives undefined for a 404.
   * `typedNotModified`: whether the 304 carries the JSON content type too (search declares it on the route with
   * `@Header`; the product page's 304 has Fastify's default, as before).
   */
  private async answer(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    typedNotModified: boolean,
    make: (today: string) => string | undefined,
  ): Promise<FastifyReply | undefined> {
    let json: string | undefined;
    let etag: string;
    try {
      const version = await this.version.currentOrUnknown();
      if (!version) return undefined;
      await this.index.ensureFresh(version);
      etag = catalogEtag(version);
      // From here on nothing awaits: the answer is made from the index revision it is cached under.
      if (this.answersRevision !== this.index.revision) {
        this.answers.clear();
        this.answersRevision = this.index.revision;
      }
      const today = vnDayKey(new Date());
      const cacheKey = `${today}|${key}`;
      json = this.answers.get(cacheKey);
      if (json === undefined) {
        json = make(today);
        if (json === undefined) return undefined;
        this.answers.set(cacheKey, json);
      }
    } catch (error) {
      // Nest's route answers it as before (the same 503, or 500 with its error id in the log); only a trace here.
      this.logger.debug(`fast read path let ${request.routeOptions.url} through: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (answerConditional(request.headers, reply, { etag })) {
      if (typedNotModified) reply.header('content-type', JSON_TYPE);
      return reply.send('');
    }
    return reply.header('content-type', JSON_TYPE).send(json);
  }
}

/** The validated query as a cache key: every field, in a fixed order (JSON keeps `q` unambiguous). */
function searchKey(query: SearchQuery): string {
  return JSON.stringify([query.q, query.provinceCode, query.categoryId, query.ocopStars, query.minPrice, query.maxPrice, query.sort, query.page, query.pageSize]);
}

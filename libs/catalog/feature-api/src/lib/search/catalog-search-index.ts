import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ProductCard, ProductDetail, SearchQuery, Shop, ShopQuery } from '@nss/contracts';
import { MediaStorage, unavailableDependency } from '@nss/server-core';
import { vnDayKey } from '@nss/util-vn';
import { photoView, productDetailView } from '../products/product-view';
import { ProductsRepository, SearchSource } from '../products/products.repository';
import { CatalogVersion, type CatalogVersionValue } from './catalog-version';
import { SearchCorpus, SearchEntry, SearchResult } from './search-corpus';

/**
 * Why an in-process index and not a database query: FerretDB does not push regular expressions down to its
 * storage (a regex over a folded field is a full scan of every product, 10,000 documents, per request) and has no
 * text indexes, so database search could not reach the latency target. Every API replica therefore keeps the
 * card fields, filters, sort keys and folded words of the approved products in memory (a few MB for 10,000).
 *
 * Freshness across replicas: every change that the public sees bumps a Redis counter (CatalogVersion) after its
 * database write. Each search first reads the counter (one HMGET, ~0.1 ms); when it grew since this replica last
 * synced, it reloads the products whose `updatedAt` is at or after the previous sync (minus an overlap that absorbs
 * clock skew between replicas and slow writes) before answering. When the counter's epoch changed or the counter went
 * down (Redis lost it), the whole index is reloaded. A search that starts after an approval has returned therefore
 * always sees it, on any replica, even across a Redis reset.
 */
const SYNC_OVERLAP_MS = 30_000;
/** While Redis is away and nothing is loaded yet: load once, and again (a new epoch) as soon as Redis answers. */
const OFFLINE_VERSION: CatalogVersionValue = { epoch: 'offline', n: 0 };
/** After a reload failed because the database is away, answer from memory this long before trying again. */
const RELOAD_BACKOFF_MS = 5_000;

@Injectable()
export class CatalogSearchIndex implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogSearchIndex.name);
  private corpus = new SearchCorpus();
  /** The version last synced; `n = -1` means "load everything"; `loaded` once anything was (what the index may serve). */
  private synced: CatalogVersionValue & { loaded: boolean } = { epoch: '', n: -1, loaded: false };
  /** Wall time at which the last sync query started; the next sync reads changes from there (minus the overlap). */
  private syncedAt = new Date(0);
  private inFlight: Promise<void> | null = null;
  private reloadBackoffUntil = 0;
  /**
   * Counts the syncs that may have changed what the index serves (a reload, or changes read since the last sync).
   * Anything derived from the index (the fast read path's serialised answers) is valid for one revision.
   */
  private revisionCount = 0;
  /**
   * The approved products themselves, for the public product page: under 50 concurrent requests FerretDB answered
   * lookups by id in hundreds of milliseconds, so the page is served from here too (~1.5 KB per product).
   */
  private published = new Map<string, SearchSource>();
  /** Media keys of the approved photos of the published products: the only media served without a signature. */
  private publicMedia = new Set<string>();

  constructor(
    private readonly products: ProductsRepository,
    private readonly version: CatalogVersion,
    private readonly storage: MediaStorage,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureFresh();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ensureFresh();
    return this.corpus.search(query, vnDayKey(new Date()));
  }

  /** Search over what is loaded now, for the Vietnam day `today` (the fast read path; call `ensureFresh` first). */
  searchLoaded(query: SearchQuery, today: string): SearchResult {
    return this.corpus.search(query, today);
  }

  async featured(limit: number): Promise<ProductCard[]> {
    await this.ensureFresh();
    return this.corpus.featured(limit, vnDayKey(new Date()));
  }

  async provinces(): Promise<Array<{ code: string; name: string; productCount: number }>> {
    await this.ensureFresh();
    return [...this.corpus.countByProvince()]
      .map(([code, row]) => ({ code, name: row.name, productCount: row.count }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The public page of an approved product, or null. The view is made per request (OCOP state depends on the day). */
  async detail(id: string): Promise<ProductDetail | null> {
    await this.ensureFresh();
    const doc = this.published.get(id);
    return doc ? this.detailOf(doc) : null;
  }

  /**
   * A seller's public shop: its public identity (as on its product pages) and its approved products, newest first;
   * null when the seller has none listed. A scan of the published products (~1 ms for 10,000).
   */
  async shop(sellerId: string, query: ShopQuery): Promise<Shop | null> {
    await this.ensureFresh();
    const docs = [...this.published.values()]
      .filter((doc) => String(doc.sellerId) === sellerId)
      .sort((a, b) => listedTime(b) - listedTime(a) || String(b._id).localeCompare(String(a._id)));
    if (docs.length === 0) return null;
    const { seller } = productDetailView(docs[0], (key) => this.storage.url(key));
    const today = vnDayKey(new Date());
    const start = (query.page - 1) * query.pageSize;
    const items = docs.slice(start, start + query.pageSize).map((doc) => {
      const ocopStars = doc.ocop && doc.ocop.expiresAt > today ? doc.ocop.stars : undefined;
      return { ...this.entryOf(doc).card, ...(ocopStars ? { ocopStars } : {}) };
    });
    return { seller, products: { items, total: docs.length, page: query.page, pageSize: query.pageSize } };
  }

  /** Whether a media key is an approved photo (or its thumbnail) of a published product, as of now. */
  async isPublicMedia(key: string): Promise<boolean> {
    await this.ensureFresh();
    return this.publicMedia.has(key);
  }

  /** Changes whenever what the index serves may have changed (see `revisionCount`). */
  get revision(): number {
    return this.revisionCount;
  }

  /** The public product's source document, or undefined (for the fast read path; call `ensureFresh` first). */
  publishedSource(id: string): SearchSource | undefined {
    return this.published.get(id);
  }

  /** The public page of a published product from its source (the view `detail` gives). */
  detailOf(doc: SearchSource): ProductDetail {
    return productDetailView(doc, (key) => this.storage.url(key));
  }

  /**
   * One Redis GET; reloads only when the catalogue version moved (concurrent searches share one reload). While a
   * dependency is away the index answers from memory: without Redis it cannot tell whether it is behind (it loads
   * once if it holds nothing yet, and reloads everything once Redis is back, under a new epoch); without the database
   * it keeps what it has until it can load again. `known` is a version the caller has just read (the fast read path
   * reads it once for its ETag and for this).
   */
  async ensureFresh(known?: CatalogVersionValue): Promise<void> {
    const remote = (known ?? (await this.version.currentOrUnknown())) ?? (this.synced.n >= 0 ? null : OFFLINE_VERSION);
    if (!remote) return;
    // The counter was lost and restarted (new epoch) or went down: our count means nothing any more, reload everything.
    if (!this.inFlight && (remote.epoch !== this.synced.epoch || remote.n < this.synced.n)) this.synced = { epoch: remote.epoch, n: -1, loaded: this.synced.loaded };
    while (this.synced.n < remote.n || this.synced.n < 0) {
      if (this.synced.loaded && Date.now() < this.reloadBackoffUntil) return;
      this.inFlight ??= this.sync(remote).finally(() => {
        this.inFlight = null;
      });
      try {
        await this.inFlight;
      } catch (error) {
        // The database is away: what was loaded before is still the best answer (a public read, not a write).
        if (this.synced.loaded && unavailableDependency(error) === 'database') {
          this.reloadBackoffUntil = Date.now() + RELOAD_BACKOFF_MS;
          return;
        }
        throw error;
      }
    }
  }

  private async sync(remote: CatalogVersionValue): Promise<void> {
    const startedAt = new Date();
    if (this.synced.n < 0) {
      const corpus = new SearchCorpus();
      const published = new Map<string, SearchSource>();
      const publicMedia = new Set<string>();
      for (const doc of await this.products.allApproved()) {
        corpus.upsert(this.entryOf(doc));
        published.set(String(doc._id), doc);
        for (const key of publicKeysOf(doc)) publicMedia.add(key);
      }
      this.corpus = corpus;
      this.published = published;
      this.publicMedia = publicMedia;
      this.logger.log(`Search index loaded: ${corpus.size} approved products`);
    } else {
      const changed = await this.products.changedSince(new Date(this.syncedAt.getTime() - SYNC_OVERLAP_MS));
      for (const doc of changed) {
        const id = String(doc._id);
        const before = this.published.get(id);
        if (before) for (const key of publicKeysOf(before)) this.publicMedia.delete(key);
        if (doc.status === 'approved') {
          for (const key of publicKeysOf(doc)) this.publicMedia.add(key);
          this.corpus.upsert(this.entryOf(doc));
          this.published.set(id, doc);
        } else {
          this.corpus.remove(id);
          this.published.delete(id);
        }
      }
    }
    this.syncedAt = startedAt;
    this.synced = { epoch: remote.epoch, n: Math.max(this.synced.n, remote.n), loaded: true };
    this.revisionCount++;
  }

  private entryOf(doc: SearchSource): SearchEntry {
    const photo = doc.photos.find((p) => p.approved);
    const view = photo ? photoView(photo, (key) => this.storage.url(key)) : null;
    return {
      card: {
        id: String(doc._id),
        name: doc.name,
        priceVnd: doc.priceVnd,
        unit: doc.unit,
        thumbUrl: view ? view.thumbUrl : null,
        photoVariants: view ? view.variants : [],
        sellerId: String(doc.sellerId),
        sellerName: doc.sellerName,
        provinceName: doc.provinceName,
        communeName: doc.communeName,
      },
      provinceCode: doc.provinceCode,
      categoryId: doc.categoryId,
      priceVnd: doc.priceVnd,
      ...(doc.ocop ? { ocopStars: doc.ocop.stars, ocopExpiresAt: doc.ocop.expiresAt } : {}),
      listedAt: doc.listedAt ? new Date(doc.listedAt).getTime() : 0,
      name: doc.name,
      description: doc.description,
    };
  }
}

function listedTime(doc: SearchSource): number {
  return doc.listedAt ? new Date(doc.listedAt).getTime() : 0;
}

function publicKeysOf(doc: SearchSource): string[] {
  return doc.photos.filter((p) => p.approved).flatMap((p) => [p.key, p.thumbKey, p.displayKey].filter((k): k is string => !!k));
}

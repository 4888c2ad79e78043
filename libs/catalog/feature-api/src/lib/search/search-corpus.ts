import type { ProductCard, SearchQuery } from '@nss/contracts';
import { foldVietnamese, searchTokens } from '@nss/util-vn';
import { LRUCache } from 'lru-cache';

/** What search knows about one approved product: its card, filter fields, sort keys and folded text. */
export interface SearchEntry {
  card: Omit<ProductCard, 'ocopStars'>;
  provinceCode: string;
  categoryId: string;
  priceVnd: number;
  /** Present when the product has an OCOP certificate; ignored once `ocopExpiresAt` has passed. */
  ocopStars?: number;
  ocopExpiresAt?: string;
  listedAt: number;
  name: string;
  description: string;
}

/** One shape for every indexed product (no optional fields), so the hot loops stay monomorphic. */
class Indexed {
  readonly id: string;
  readonly card: SearchEntry['card'];
  readonly provinceCode: string;
  readonly categoryId: string;
  readonly priceVnd: number;
  readonly ocopStars: number;
  readonly ocopExpiresAt: string;
  readonly listedAt: number;
  readonly nameFolded: string;
  readonly descFolded: string;
  readonly nameTokens: Set<string>;
  readonly descTokens: Set<string>;

  constructor(entry: SearchEntry) {
    this.id = entry.card.id;
    this.card = entry.card;
    this.provinceCode = entry.provinceCode;
    this.categoryId = entry.categoryId;
    this.priceVnd = entry.priceVnd;
    this.ocopStars = entry.ocopStars ?? 0;
    this.ocopExpiresAt = entry.ocopExpiresAt ?? '';
    this.listedAt = entry.listedAt;
    this.nameFolded = foldVietnamese(entry.name);
    this.descFolded = foldVietnamese(entry.description);
    this.nameTokens = new Set(this.nameFolded ? this.nameFolded.split(' ') : []);
    this.descTokens = new Set(this.descFolded ? this.descFolded.split(' ') : []);
  }
}

/** Results of recent distinct queries (all pages), dropped whenever the corpus changes. */
const RESULT_CACHE_SIZE = 500;
/** Products per recent prefix (the half-typed last word), dropped whenever the corpus changes. */
const PREFIX_CACHE_SIZE = 2_000;

/** Relevance weights: a word in the name counts more than one in the description; a whole phrase gets a bonus. */
export const WEIGHTS = {
  nameWord: 10,
  namePrefix: 6,
  descWord: 3,
  descPrefix: 2,
  namePhrase: 15,
  nameExact: 10,
  descPhrase: 4,
} as const;

/** True when `phrase` occurs in `text` on word boundaries (both are folded, single-space separated). */
function containsPhrase(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase} `);
}

function hasPrefix(tokens: Set<string>, prefix: string): boolean {
  for (const token of tokens) if (token.startsWith(prefix)) return true;
  return false;
}

/**
 * Relevance of one product for the folded query words; 0 when some word matches nowhere. Every word must occur in
 * the name or the description; the last word may be a prefix (the buyer is still typing it).
 */
export function relevance(
  entry: { nameFolded: string; descFolded: string; nameTokens: Set<string>; descTokens: Set<string> },
  words: string[],
): number {
  if (words.length === 0) return 0;
  let score = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const isLast = i === words.length - 1;
    if (entry.nameTokens.has(word)) score += WEIGHTS.nameWord;
    else if (isLast && hasPrefix(entry.nameTokens, word)) score += WEIGHTS.namePrefix;
    else if (entry.descTokens.has(word)) score += WEIGHTS.descWord;
    else if (isLast && hasPrefix(entry.descTokens, word)) score += WEIGHTS.descPrefix;
    else return 0;
  }
  const phrase = words.join(' ');
  if (words.length > 1 && containsPhrase(entry.nameFolded, phrase)) score += WEIGHTS.namePhrase;
  else if (words.length > 1 && containsPhrase(entry.descFolded, phrase)) score += WEIGHTS.descPhrase;
  if (entry.nameFolded === phrase) score += WEIGHTS.nameExact;
  return score;
}

export interface SearchResult {
  items: ProductCard[];
  total: number;
}

/**
 * An in-memory inverted index of approved products: word → products, plus a sorted vocabulary for prefix lookups.
 * Queries intersect the posting sets of the query words (the smallest first), so a search touches only products
 * that contain every word, not the whole catalogue.
 */
export class SearchCorpus {
  private readonly entries = new Map<string, Indexed>();
  private readonly postings = new Map<string, Set<string>>();
  /** Every word ever indexed, sorted (words are never removed: an empty posting set costs nothing). */
  private vocabulary: string[] = [];
  private readonly sortedCache = new Map<string, Indexed[]>();
  /** Ranked results of recent distinct queries (all pages) and their pages, least recently used dropped first. */
  private readonly results = new LRUCache<string, Indexed[]>({ max: RESULT_CACHE_SIZE });
  private readonly pages = new LRUCache<string, SearchResult>({ max: RESULT_CACHE_SIZE * 4 });
  /**
   * A short prefix ("ch") names thousands of products over hundreds of words; their union was the largest part of
   * ranking a query seen for the first time (bench:catalog profile), and queries typed by people share prefixes.
   */
  private readonly prefixes = new LRUCache<string, Set<string>>({ max: PREFIX_CACHE_SIZE });

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  upsert(entry: SearchEntry): void {
    this.remove(entry.card.id);
    const indexed = new Indexed(entry);
    this.entries.set(entry.card.id, indexed);
    for (const word of new Set([...indexed.nameTokens, ...indexed.descTokens])) {
      let set = this.postings.get(word);
      if (!set) {
        set = new Set();
        this.postings.set(word, set);
        this.addToVocabulary(word);
      }
      set.add(entry.card.id);
    }
    this.changed();
  }

  remove(id: string): void {
    const old = this.entries.get(id);
    if (!old) return;
    for (const word of new Set([...old.nameTokens, ...old.descTokens])) this.postings.get(word)?.delete(id);
    this.entries.delete(id);
    this.changed();
  }

  private changed(): void {
    this.sortedCache.clear();
    this.results.clear();
    this.pages.clear();
    this.prefixes.clear();
  }

  private addToVocabulary(word: string): void {
    const at = lowerBound(this.vocabulary, word);
    this.vocabulary.splice(at, 0, word);
  }

  /** Ids of products having `word` (or, for a prefix, any word starting with it). */
  private matching(word: string, prefix: boolean): Set<string> {
    if (!prefix) return this.postings.get(word) ?? new Set();
    const cached = this.prefixes.get(word);
    if (cached) return cached;
    const out = new Set<string>();
    for (let i = lowerBound(this.vocabulary, word); i < this.vocabulary.length; i++) {
      const candidate = this.vocabulary[i] as string;
      if (!candidate.startsWith(word)) break;
      for (const id of this.postings.get(candidate) ?? []) out.add(id);
    }
    this.prefixes.set(word, out);
    return out;
  }

  search(query: SearchQuery, today: string): SearchResult {
    // Pages are cached by the raw request first, so a repeated query costs neither folding nor ranking.
    const filters = [query.provinceCode, query.categoryId, query.ocopStars, query.minPrice, query.maxPrice, query.sort, today].join('|');
    const pageKey = `${query.q ?? ''}|${filters}|${query.page}|${query.pageSize}`;
    const cachedPage = this.pages.get(pageKey);
    if (cachedPage) return cachedPage;
    const words = searchTokens(query.q ?? '');
    const key = `${words.join(' ')}|${filters}`;
    let ranked = this.results.get(key);
    if (!ranked) {
      ranked = this.rank(words, query, today);
      this.results.set(key, ranked);
    }
    const start = (query.page - 1) * query.pageSize;
    const page = { total: ranked.length, items: ranked.slice(start, start + query.pageSize).map((e) => cardOf(e, today)) };
    this.pages.set(pageKey, page);
    return page;
  }

  private rank(words: string[], query: SearchQuery, today: string): Indexed[] {
    const province = query.provinceCode ?? null;
    const category = query.categoryId ?? null;
    const minPrice = query.minPrice ?? -1;
    const maxPrice = query.maxPrice ?? Number.MAX_SAFE_INTEGER;
    const minStars = query.ocopStars ?? 0;
    const accept = (e: Indexed) =>
      (province === null || e.provinceCode === province) &&
      (category === null || e.categoryId === category) &&
      e.priceVnd >= minPrice &&
      e.priceVnd <= maxPrice &&
      (minStars === 0 || (validStars(e, today) ?? 0) >= minStars);

    if (words.length === 0) return this.sorted(query.sort === 'relevance' ? 'stars' : query.sort, today).filter(accept);
    const scored: Array<{ e: Indexed; score: number }> = [];
    for (const id of this.candidates(words)) {
      const e = this.entries.get(id);
      if (!e || !accept(e)) continue;
      const score = relevance(e, words);
      if (score > 0) scored.push({ e, score });
    }
    const order = query.sort;
    if (order === 'relevance') scored.sort((a, b) => b.score - a.score || compare('stars', a.e, b.e, today));
    else scored.sort((a, b) => compare(order, a.e, b.e, today) || b.score - a.score);
    return scored.map((s) => s.e);
  }

  private candidates(words: string[]): Set<string> {
    const sets = words.map((w, i) => this.matching(w, i === words.length - 1)).sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = sets;
    const out = new Set<string>();
    if (!smallest) return out;
    for (const id of smallest) if (rest.every((s) => s.has(id))) out.add(id);
    return out;
  }

  /** All entries in one order, cached until the next change (a browse without words walks it). */
  private sorted(order: 'stars' | 'price_asc' | 'price_desc' | 'newest', today: string): Indexed[] {
    const key = order === 'stars' ? `stars:${today}` : order;
    let list = this.sortedCache.get(key);
    if (!list) {
      list = [...this.entries.values()].sort((a, b) => compare(order, a, b, today));
      this.sortedCache.set(key, list);
    }
    return list;
  }

  /** Cards for the storefront: the best OCOP products first, then the newest. */
  featured(limit: number, today: string): ProductCard[] {
    return this.sorted('stars', today).slice(0, limit).map((e) => cardOf(e, today));
  }

  countByProvince(): Map<string, { name: string; count: number }> {
    const out = new Map<string, { name: string; count: number }>();
    for (const e of this.entries.values()) {
      const row = out.get(e.provinceCode) ?? { name: e.card.provinceName, count: 0 };
      row.count++;
      out.set(e.provinceCode, row);
    }
    return out;
  }
}

function validStars(e: Indexed, today: string): number | undefined {
  return e.ocopStars > 0 && e.ocopExpiresAt > today ? e.ocopStars : undefined;
}

function cardOf(e: Indexed, today: string): ProductCard {
  const stars = validStars(e, today);
  return stars === undefined ? e.card : { ...e.card, ocopStars: stars };
}

/** Order for the sorts; `stars` is the tie-break of relevance: valid OCOP stars, then newest. */
function compare(order: SearchQuery['sort'] | 'stars', a: Indexed, b: Indexed, today: string): number {
  switch (order) {
    case 'price_asc':
      return a.priceVnd - b.priceVnd || b.listedAt - a.listedAt;
    case 'price_desc':
      return b.priceVnd - a.priceVnd || b.listedAt - a.listedAt;
    case 'newest':
      return b.listedAt - a.listedAt;
    case 'relevance':
      return 0;
    case 'stars':
      return (validStars(b, today) ?? 0) - (validStars(a, today) ?? 0) || b.listedAt - a.listedAt;
  }
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

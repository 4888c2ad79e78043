import { searchQuerySchema } from '@nss/contracts';
import { SearchCorpus, SearchEntry } from './search-corpus';

const TODAY = '2026-11-22';

function entry(id: string, name: string, extra: Partial<SearchEntry> = {}): SearchEntry {
  return {
    card: { id, name, priceVnd: 100_000, unit: 'kg', thumbUrl: null, photoVariants: [], sellerId: 's1', sellerName: 'HTX', provinceName: 'Thái Nguyên', communeName: 'Tân Cương' },
    provinceCode: '19',
    categoryId: 'che',
    priceVnd: 100_000,
    listedAt: 1,
    name,
    description: '',
    ...extra,
  };
}

const q = (params: Record<string, unknown>) => searchQuerySchema.parse(params);
const ids = (corpus: SearchCorpus, params: Record<string, unknown>) => corpus.search(q(params), TODAY).items.map((c) => c.id);

describe('SearchCorpus', () => {
  const corpus = new SearchCorpus();
  corpus.upsert(entry('tea', 'Chè Thái Nguyên đặc biệt', { description: 'Chè búp Tân Cương sao tay', listedAt: 3 }));
  corpus.upsert(entry('rice', 'Gạo nếp cái hoa vàng', { categoryId: 'gao', priceVnd: 40_000, provinceCode: '01', listedAt: 5 }));
  corpus.upsert(entry('honey', 'Mật ong bạc hà Hà Giang', { description: 'Ong nuôi trên núi đá, hợp pha chè', categoryId: 'mat-ong', priceVnd: 250_000, listedAt: 4 }));
  corpus.upsert(
    entry('dong', 'Miến dong Bình Liêu', { categoryId: 'mien-bun', priceVnd: 80_000, ocopStars: 4, ocopExpiresAt: '2027-01-01', listedAt: 2 }),
  );

  it('ignores diacritics and case, and đ matches d', () => {
    for (const text of ['che thai nguyen', 'CHE THAI NGUYEN', 'chè thái nguyên', 'Chè Thái Nguyên']) {
      expect(ids(corpus, { q: text })[0]).toBe('tea');
    }
    expect(ids(corpus, { q: 'dac biet' })).toEqual(['tea']);
    expect(ids(corpus, { q: 'Miến Đong' })).toEqual(['dong']);
  });

  it('matches a prefix of the last word while typing, but whole earlier words only', () => {
    expect(ids(corpus, { q: 'che thai ng' })).toEqual(['tea']);
    expect(ids(corpus, { q: 'mie' })).toEqual(['dong']);
    expect(ids(corpus, { q: 'th nguyen' })).toEqual([]);
  });

  it('finds a product added after a prefix was searched (the prefix cache is dropped on every change)', () => {
    const fresh = new SearchCorpus();
    fresh.upsert(entry('tea', 'Chè Thái Nguyên'));
    expect(ids(fresh, { q: 'cha' })).toEqual([]);
    expect(ids(fresh, { q: 'ch', sort: 'newest' })).toEqual(['tea']);
    fresh.upsert(entry('lemon', 'Chanh leo Mộc Châu', { listedAt: 9 }));
    expect(ids(fresh, { q: 'cha' })).toEqual(['lemon']);
    expect(ids(fresh, { q: 'ch', sort: 'newest' })).toEqual(['lemon', 'tea']);
    fresh.remove('lemon');
    expect(ids(fresh, { q: 'cha' })).toEqual([]);
  });

  it('ranks name hits above description hits', () => {
    expect(ids(corpus, { q: 'che' })).toEqual(['tea', 'honey']);
  });

  it('gives an exact phrase a bonus over scattered words', () => {
    const c = new SearchCorpus();
    c.upsert(entry('scattered', 'Mật rừng ong mật', { listedAt: 9 }));
    c.upsert(entry('phrase', 'Mật ong rừng', { listedAt: 1 }));
    expect(ids(c, { q: 'mat ong' })).toEqual(['phrase', 'scattered']);
  });

  it('breaks relevance ties by valid OCOP stars, ignoring expired certificates', () => {
    const c = new SearchCorpus();
    c.upsert(entry('plain', 'Gạo ST25', { listedAt: 9 }));
    c.upsert(entry('ocop', 'Gạo ST25', { ocopStars: 4, ocopExpiresAt: '2027-05-01', listedAt: 1 }));
    c.upsert(entry('expired', 'Gạo ST25', { ocopStars: 5, ocopExpiresAt: '2026-01-01', listedAt: 2 }));
    expect(ids(c, { q: 'gao st25' })).toEqual(['ocop', 'plain', 'expired']);
    const cards = c.search(q({ q: 'gao' }), TODAY).items;
    expect(cards.find((x) => x.id === 'ocop')?.ocopStars).toBe(4);
    expect(cards.find((x) => x.id === 'expired')?.ocopStars).toBeUndefined();
  });

  it('filters by province, category, OCOP stars and price, and sorts and pages', () => {
    expect(ids(corpus, { provinceCode: '01' })).toEqual(['rice']);
    expect(ids(corpus, { categoryId: 'mat-ong' })).toEqual(['honey']);
    expect(ids(corpus, { ocopStars: 4 })).toEqual(['dong']);
    expect(ids(corpus, { minPrice: 50_000, maxPrice: 120_000, sort: 'price_asc' })).toEqual(['dong', 'tea']);
    expect(ids(corpus, { sort: 'price_desc' })).toEqual(['honey', 'tea', 'dong', 'rice']);
    expect(ids(corpus, { sort: 'newest' })).toEqual(['rice', 'honey', 'tea', 'dong']);
    const page = corpus.search(q({ sort: 'newest', page: 2, pageSize: 3 }), TODAY);
    expect(page).toMatchObject({ total: 4 });
    expect(page.items.map((c) => c.id)).toEqual(['dong']);
  });

  it('forgets removed products and re-indexes changed ones', () => {
    const c = new SearchCorpus();
    c.upsert(entry('a', 'Chè xanh'));
    c.upsert(entry('a', 'Gạo tám'));
    expect(ids(c, { q: 'che' })).toEqual([]);
    expect(ids(c, { q: 'gao' })).toEqual(['a']);
    c.remove('a');
    expect(ids(c, { q: 'gao' })).toEqual([]);
    expect(c.size).toBe(0);
  });
});

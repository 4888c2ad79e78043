import { createProductSchema, searchQuerySchema } from './catalog';

const valid = { categoryId: 'che', name: 'Chè Tân Cương', unit: 'package', netWeightGrams: 500, priceVnd: 180_000, stock: 40 };
const pathsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('catalogue contracts', () => {
  it('accept a minimal product and fill its defaults', () => {
    expect(createProductSchema.parse(valid)).toMatchObject({ description: '', certifications: [] });
  });

  it('refuse money that is not whole đồng, and fields the API does not know', () => {
    expect(pathsOf(createProductSchema.safeParse({ ...valid, priceVnd: 1000.5 }))).toEqual(['priceVnd']);
    expect(pathsOf(createProductSchema.safeParse({ ...valid, priceVnd: -5 }))).toEqual(['priceVnd']);
    expect(pathsOf(createProductSchema.safeParse({ ...valid, status: 'approved' }))).toEqual(['']);
  });

  it('read search query strings (numbers as text) and refuse a price range upside down, at maxPrice', () => {
    expect(searchQuerySchema.parse({ page: '2', minPrice: '1000' })).toMatchObject({ page: 2, minPrice: 1000, sort: 'relevance', pageSize: 20 });
    expect(pathsOf(searchQuerySchema.safeParse({ minPrice: '5000', maxPrice: '1000' }))).toEqual(['maxPrice']);
  });
});

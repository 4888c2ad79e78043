import type { ProductDetail } from '@nss/contracts';
import { absoluteUrl, basicSeo, jsonLdText, languageVariants, productJsonLd, productSeo, shorten } from './seo.builders';

const BASE = 'https://nongsanso.vn';

function aProduct(overrides: Partial<ProductDetail> = {}): ProductDetail {
  return {
    id: '665f00000000000000000001',
    sellerId: '665f000000000000000000aa',
    name: 'Chè Tân Cương đặc biệt',
    description: 'Chè búp hái tay ở Tân Cương, sao bằng chảo gang.',
    categoryId: 'tea',
    categoryName: 'Chè',
    unit: 'package',
    netWeightGrams: 500,
    priceVnd: 185000,
    stock: 12,
    photos: [
      { id: 'p0', url: '/media/p0.jpg', thumbUrl: '/media/p0-t.jpg', displayUrl: '', variants: [], status: 'failed', approved: true },
      { id: 'p1', url: '/media/p1.jpg', thumbUrl: '/media/p1-t.webp', displayUrl: '/media/p1-d.webp', variants: [], status: 'ready', approved: true },
    ],
    certifications: [],
    provinceCode: '19',
    communeCode: '05500',
    seller: { id: '665f000000000000000000aa', displayName: 'HTX Chè Tân Cương', type: 'cooperative', communeName: 'Xã Tân Cương', provinceName: 'Thái Nguyên' },
    ...overrides,
  } as ProductDetail;
}

const labels = { unit: 'gói', seller: 'Người bán' };

describe('product link previews and structured data', () => {
  it('puts the name, the price in đồng, the photo, the seller and the province in the preview tags', () => {
    const seo = productSeo(aProduct(), { baseUrl: BASE, path: '/products/665f00000000000000000001', lang: 'vi', labels });
    expect(seo.title).toBe('Chè Tân Cương đặc biệt – 185.000 ₫/gói · Nông Sàn Số');
    expect(seo.og['og:title']).toBe('Chè Tân Cương đặc biệt – 185.000 ₫/gói');
    expect(seo.og['og:type']).toBe('product');
    expect(seo.og['og:image']).toBe('https://nongsanso.vn/media/p1-d.webp'); // the failed upload is skipped
    expect(seo.og['og:description']).toContain('Người bán: HTX Chè Tân Cương');
    expect(seo.og['og:description']).toContain('Xã Tân Cương, Thái Nguyên');
    expect(seo.og['og:url']).toBe('https://nongsanso.vn/products/665f00000000000000000001');
    expect(seo.og['product:price:amount']).toBe('185000');
    expect(seo.og['product:price:currency']).toBe('VND');
    expect(seo.description).toBe(seo.og['og:description']);
  });

  it('gives canonical and hreflang URLs for both languages; the English page is canonical to itself', () => {
    const vi = productSeo(aProduct(), { baseUrl: BASE, path: '/products/665f00000000000000000001', lang: 'vi', labels });
    const en = productSeo(aProduct(), { baseUrl: BASE, path: '/products/665f00000000000000000001?lang=en', lang: 'en', labels });
    expect(vi.canonical).toBe('https://nongsanso.vn/products/665f00000000000000000001');
    expect(vi.alternates).toEqual({ vi: vi.canonical, en: `${vi.canonical}?lang=en` });
    expect(en.canonical).toBe(`${vi.canonical}?lang=en`);
    expect(en.alternates).toEqual(vi.alternates);
    expect(en.og['og:locale']).toBe('en_US');
  });

  it('describes a schema.org Product with an Offer in VND and the seller with its province', () => {
    const ld = productJsonLd(aProduct({ stock: 0 }), { url: `${BASE}/products/1`, image: `${BASE}/media/p1.webp`, baseUrl: BASE });
    expect(ld['@type']).toBe('Product');
    expect(ld['image']).toEqual([`${BASE}/media/p1.webp`]);
    const offer = ld['offers'] as Record<string, unknown>;
    expect(offer).toMatchObject({ '@type': 'Offer', price: 185000, priceCurrency: 'VND', availability: 'https://schema.org/OutOfStock' });
    expect(offer['seller']).toMatchObject({ name: 'HTX Chè Tân Cương', url: `${BASE}/cua-hang/665f000000000000000000aa`, address: { addressRegion: 'Thái Nguyên' } });
  });

  it('has no image tag for a product without photos', () => {
    const seo = productSeo(aProduct({ photos: [] }), { baseUrl: BASE, path: '/products/1', lang: 'vi', labels });
    expect(seo.og['og:image']).toBeUndefined();
    expect(seo.jsonLd?.['image']).toBeUndefined();
  });

  it('writes JSON-LD that a product text cannot break out of', () => {
    const text = jsonLdText(productJsonLd(aProduct({ name: 'Mật ong </script><script>alert(1)</script>' }), { url: `${BASE}/p`, baseUrl: BASE }));
    expect(text).not.toContain('</script>');
    expect(text).not.toContain('<');
    expect(JSON.parse(text).name).toBe('Mật ong </script><script>alert(1)</script>');
  });
});

describe('URLs and texts', () => {
  it('keeps the query in both language variants and drops a stale lang', () => {
    expect(languageVariants(BASE, '/search?q=ch%C3%A8&lang=en&page=2')).toEqual({
      vi: 'https://nongsanso.vn/search?q=ch%C3%A8&page=2',
      en: 'https://nongsanso.vn/search?q=ch%C3%A8&page=2&lang=en',
    });
    expect(languageVariants(`${BASE}/`, '/')).toEqual({ vi: 'https://nongsanso.vn/', en: 'https://nongsanso.vn/?lang=en' });
  });

  it('makes relative photo URLs absolute and keeps absolute ones', () => {
    expect(absoluteUrl(BASE, '/media/a.jpg')).toBe('https://nongsanso.vn/media/a.jpg');
    expect(absoluteUrl(BASE, 'https://cdn.example/a.jpg')).toBe('https://cdn.example/a.jpg');
  });

  it('cuts long descriptions at a word with an ellipsis', () => {
    const long = 'rất ngon '.repeat(60);
    const short = shorten(long, 50);
    expect(short.length).toBeLessThanOrEqual(50);
    expect(short.endsWith('…')).toBe(true);
    expect(short).not.toMatch(/\s…$/);
    expect(shorten('  một   dòng \n ngắn ')).toBe('một dòng ngắn');
  });

  it('gives a plain page website tags without price or structured data', () => {
    const seo = basicSeo({ baseUrl: BASE, path: '/search?q=m%E1%BA%ADt', lang: 'vi', title: 'Tìm kiếm', description: 'Mô tả' });
    expect(seo.og['og:type']).toBe('website');
    expect(seo.og['product:price:amount']).toBeUndefined();
    expect(seo.jsonLd).toBeUndefined();
  });
});

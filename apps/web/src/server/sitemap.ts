/** One URL of the sitemap, relative to the site (`/products/…`). */
export interface SitemapEntry {
  path: string;
}

/** Pages of 100 approved products read for the sitemap; 500 pages = 50,000 URLs, the most one sitemap file may list. */
const PAGE_SIZE = 100;
const MAX_PAGES = 500;

interface SearchPage {
  items: { id: string; sellerId: string }[];
  total: number;
}

/**
 * The sitemap's URLs: the home page, every approved product as the public search lists it (the API's search only
 * ever shows approved products, and drops a product from its results as soon as moderation takes it down), and the
 * shop of every seller with at least one of them.
 */
export async function fetchSitemapEntries(apiUrl: string, fetchImpl: typeof fetch = fetch): Promise<SitemapEntry[]> {
  const entries: SitemapEntry[] = [{ path: '/' }];
  const shops = new Set<string>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await fetchImpl(`${apiUrl}/api/search?sort=newest&pageSize=${PAGE_SIZE}&page=${page}`, {
      headers: { accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`sitemap: GET /api/search answered ${res.status}`);
    const body = (await res.json()) as SearchPage;
    for (const item of body.items) {
      entries.push({ path: `/products/${encodeURIComponent(item.id)}` });
      shops.add(item.sellerId);
    }
    if (body.items.length < PAGE_SIZE || page * PAGE_SIZE >= body.total) break;
  }
  for (const id of shops) entries.push({ path: `/cua-hang/${encodeURIComponent(id)}` });
  return entries;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** sitemaps.org XML, each URL with its English variant (`?lang=en`) as an hreflang alternate. */
export function buildSitemapXml(publicWebUrl: string, entries: SitemapEntry[]): string {
  const base = publicWebUrl.replace(/\/+$/, '');
  const urls = entries.map(({ path }) => {
    const vi = `${base}${path}`;
    const en = `${vi}${path.includes('?') ? '&' : '?'}lang=en`;
    return [
      '  <url>',
      `    <loc>${xml(vi)}</loc>`,
      `    <xhtml:link rel="alternate" hreflang="vi" href="${xml(vi)}"/>`,
      `    <xhtml:link rel="alternate" hreflang="en" href="${xml(en)}"/>`,
      '  </url>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/** Portals, personal pages and the API stay out of search engines; the sitemap is announced. */
export const DISALLOWED_PATHS = [
  '/api/', '/auth/', '/staff/', '/seller/', '/agent/', '/handover', '/gio-hang', '/thanh-toan', '/don-hang', '/tai-khoan',
  '/nguoi-ban', '/quan-ly/', '/quan-tri/', '/t/', '/01/',
];

export function buildRobotsTxt(publicWebUrl: string): string {
  const base = publicWebUrl.replace(/\/+$/, '');
  return ['User-agent: *', 'Allow: /', ...DISALLOWED_PATHS.map((p) => `Disallow: ${p}`), '', `Sitemap: ${base}/sitemap.xml`, ''].join('\n');
}

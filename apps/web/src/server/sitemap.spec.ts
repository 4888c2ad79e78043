import { buildRobotsTxt, buildSitemapXml, fetchSitemapEntries } from './sitemap';

describe('sitemap.xml and robots.txt', () => {
  it('lists every product the public search lists, page after page, and their sellers\' shops', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `p${i}`);
    const asked: string[] = [];
    const fakeFetch = (async (url: string) => {
      asked.push(url);
      const page = Number(new URL(url).searchParams.get('page'));
      const items = ids.slice((page - 1) * 100, page * 100).map((id, i) => ({ id, sellerId: `s${i % 2}` }));
      return { ok: true, status: 200, json: async () => ({ items, total: ids.length }) };
    }) as unknown as typeof fetch;
    const entries = await fetchSitemapEntries('http://api', fakeFetch);
    expect(asked).toHaveLength(2);
    expect(entries[0]).toEqual({ path: '/' });
    expect(entries.map((e) => e.path)).toContain('/products/p149');
    expect(entries.filter((e) => e.path.startsWith('/cua-hang/')).map((e) => e.path).sort()).toEqual(['/cua-hang/s0', '/cua-hang/s1']);
    expect(entries).toHaveLength(153);
  });

  it('fails rather than publish an empty list when the API does not answer', async () => {
    const fakeFetch = (async () => ({ ok: false, status: 503, json: async () => ({}) })) as unknown as typeof fetch;
    await expect(fetchSitemapEntries('http://api', fakeFetch)).rejects.toThrow(/503/);
  });

  it('writes absolute, escaped URLs with their English alternates', () => {
    const xml = buildSitemapXml('https://nongsanso.vn/', [{ path: '/' }, { path: '/search?q=a&b' }]);
    expect(xml).toContain('<loc>https://nongsanso.vn/</loc>');
    expect(xml).toContain('hreflang="en" href="https://nongsanso.vn/?lang=en"');
    expect(xml).toContain('<loc>https://nongsanso.vn/search?q=a&amp;b</loc>');
  });

  it('keeps portals and the API out of search engines and announces the sitemap', () => {
    const robots = buildRobotsTxt('https://nongsanso.vn');
    for (const path of ['/api/', '/seller/', '/agent/', '/staff/', '/quan-ly/', '/gio-hang']) expect(robots).toContain(`Disallow: ${path}`);
    expect(robots).toContain('Sitemap: https://nongsanso.vn/sitemap.xml');
  });
});

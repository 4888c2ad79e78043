import type { ProductDetail } from '@nss/contracts';
import { formatVnd } from '@nss/util-vn';

export type SeoLang = 'vi' | 'en';

/** Everything a public page puts in its <head> for search engines and link previews (Zalo, Facebook). */
export interface PageSeo {
  title: string;
  description: string;
  /** Absolute URL of the page in the language shown (Vietnamese: no `lang`; English: `?lang=en`). */
  canonical: string;
  /** Absolute URLs of both language variants, for `<link rel="alternate" hreflang>`. */
  alternates: { vi: string; en: string };
  /** Open Graph (and product price) tags: `property` → `content`. */
  og: Record<string, string>;
  /** schema.org structured data, written as JSON-LD; none on pages without any. */
  jsonLd?: Record<string, unknown>;
}

const SITE_NAME = 'Nông Sàn Số';
const DESCRIPTION_MAX = 200;

/** `https://x.vn` + `/products/1` (an absolute `url` is kept). */
export function absoluteUrl(baseUrl: string, url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  return `${baseUrl.replace(/\/+$/, '')}${url.startsWith('/') ? url : `/${url}`}`;
}

/**
 * The two language variants of a path (`/search?q=chè&lang=en` → vi `/search?q=chè`, en `/search?q=chè&lang=en`):
 * Vietnamese is the address without `lang`, English the same with `lang=en` last.
 */
export function languageVariants(baseUrl: string, pathWithQuery: string): { vi: string; en: string } {
  const url = new URL(pathWithQuery, 'http://x');
  url.searchParams.delete('lang');
  const query = url.searchParams.toString();
  const vi = absoluteUrl(baseUrl, `${url.pathname}${query ? `?${query}` : ''}`);
  return { vi, en: `${vi}${query ? '&' : '?'}lang=en` };
}

/** Whitespace folded and cut at a word, with an ellipsis, to at most `max` characters. */
export function shorten(text: string, max = DESCRIPTION_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

/** A page without structured data (home, search, shop): title, description, canonical and hreflang, basic OG. */
export function basicSeo(input: { baseUrl: string; path: string; lang: SeoLang; title: string; description: string; image?: string }): PageSeo {
  const alternates = languageVariants(input.baseUrl, input.path);
  const canonical = input.lang === 'en' ? alternates.en : alternates.vi;
  const og: Record<string, string> = {
    'og:type': 'website',
    'og:site_name': SITE_NAME,
    'og:title': input.title,
    'og:description': input.description,
    'og:url': canonical,
    'og:locale': input.lang === 'en' ? 'en_US' : 'vi_VN',
  };
  if (input.image) og['og:image'] = absoluteUrl(input.baseUrl, input.image);
  return { title: input.title, description: input.description, canonical, alternates, og };
}

/** The labels a product's texts need, in the page's language (from the app's dictionaries). */
export interface ProductSeoLabels {
  /** `kg`, `gói`… for the product's unit. */
  unit: string;
  /** "Người bán" / "Seller". */
  seller: string;
}

/**
 * A product page: "<name> – <price>/<unit> · <seller>, <province>" as the preview text, the first ready photo as the
 * image, the price in đồng as `product:price:*` tags, and a schema.org Product with an Offer in VND.
 */
export function productSeo(product: ProductDetail, input: { baseUrl: string; path: string; lang: SeoLang; labels: ProductSeoLabels }): PageSeo {
  const price = `${formatVnd(product.priceVnd)}/${input.labels.unit}`;
  const place = [product.seller.communeName, product.seller.provinceName].filter(Boolean).join(', ');
  const summary = `${price} · ${input.labels.seller}: ${product.seller.displayName} · ${place}`;
  const description = shorten(product.description ? `${summary}. ${product.description}` : summary);
  const photo = productPhoto(product);
  const seo = basicSeo({ ...input, title: `${product.name} – ${price} · ${SITE_NAME}`, description, image: photo ?? undefined });
  seo.og['og:type'] = 'product';
  seo.og['og:title'] = `${product.name} – ${price}`;
  if (photo) seo.og['og:image:alt'] = product.name;
  seo.og['product:price:amount'] = String(product.priceVnd);
  seo.og['product:price:currency'] = 'VND';
  seo.og['product:availability'] = product.stock > 0 ? 'in stock' : 'out of stock';
  seo.og['product:retailer_item_id'] = product.id;
  seo.jsonLd = productJsonLd(product, { url: seo.alternates.vi, image: photo ? absoluteUrl(input.baseUrl, photo) : undefined, baseUrl: input.baseUrl });
  return seo;
}

/** The photo a preview shows: the first one that is not a failed upload (its display size when made). */
export function productPhoto(product: Pick<ProductDetail, 'photos'>): string | null {
  const photo = product.photos.find((p) => p.status !== 'failed');
  return photo ? photo.displayUrl || photo.url : null;
}

/** schema.org/Product with one Offer: price in VND (integer đồng), availability, the seller as an Organization. */
export function productJsonLd(product: ProductDetail, ctx: { url: string; image?: string; baseUrl: string }): Record<string, unknown> {
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    '@id': ctx.url,
    name: product.name,
    description: shorten(product.description, 500),
    sku: product.id,
    url: ctx.url,
    category: product.categoryName,
    brand: { '@type': 'Brand', name: product.seller.displayName },
    offers: {
      '@type': 'Offer',
      url: ctx.url,
      price: product.priceVnd,
      priceCurrency: 'VND',
      availability: product.stock > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      itemCondition: 'https://schema.org/NewCondition',
      seller: {
        '@type': 'Organization',
        name: product.seller.displayName,
        url: absoluteUrl(ctx.baseUrl, `/cua-hang/${encodeURIComponent(product.sellerId)}`),
        address: {
          '@type': 'PostalAddress',
          addressLocality: product.seller.communeName,
          addressRegion: product.seller.provinceName,
          addressCountry: 'VN',
        },
      },
    },
  };
  if (ctx.image) ld['image'] = [ctx.image];
  return ld;
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so a product text containing
 * `</script>` cannot end the element (the browser never runs this script; the CSP does not need to allow it).
 */
export function jsonLdText(data: Record<string, unknown>): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

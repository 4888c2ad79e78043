import { DOCUMENT, PlatformLocation } from '@angular/common';
import { Injectable, InjectionToken, TransferState, inject, makeStateKey } from '@angular/core';
import { Meta, Title } from '@angular/platform-browser';
import { I18n } from '@nss/web-data-access';
import { PageSeo, SeoLang, basicSeo, jsonLdText } from './seo.builders';

const PUBLIC_WEB_URL_KEY = makeStateKey<string>('nss.publicWebUrl');

/**
 * The site's public address (canonical URLs, preview images). On the server it is PUBLIC_WEB_URL (provided in
 * app.config.server.ts) and travels to the browser in the transfer state, so the hydrated page writes the same tags.
 */
export const PUBLIC_WEB_URL = new InjectionToken<string>('PUBLIC_WEB_URL', {
  factory: () => inject(TransferState).get(PUBLIC_WEB_URL_KEY, inject(DOCUMENT).location?.origin ?? ''),
});

/** Server side: PUBLIC_WEB_URL from the environment, handed to the browser through the transfer state. */
export function providePublicWebUrl(url: string) {
  return {
    provide: PUBLIC_WEB_URL,
    useFactory: () => {
      const value = url.replace(/\/+$/, '');
      inject(TransferState).set(PUBLIC_WEB_URL_KEY, value);
      return value;
    },
  };
}

const LD_ID = 'nss-jsonld';

/**
 * Writes a public page's head: title, description, canonical, hreflang alternates (vi, en, x-default → vi), Open
 * Graph / product tags and JSON-LD. Tags a previous page set and this one does not are removed.
 */
@Injectable({ providedIn: 'root' })
export class Seo {
  private readonly document = inject(DOCUMENT);
  private readonly title = inject(Title);
  private readonly meta = inject(Meta);
  private readonly i18n = inject(I18n);
  private readonly location = inject(PlatformLocation);
  readonly baseUrl = inject(PUBLIC_WEB_URL);
  private ogSet = new Set<string>();

  get lang(): SeoLang {
    return this.i18n.lang();
  }

  /** The current path and query (`/search?q=chè`), as the page was addressed. */
  currentPath(): string {
    return `${this.location.pathname}${this.location.search}`;
  }

  /** A page with a translated title and description and no structured data. */
  applyBasic(title: string, description: string): void {
    this.apply(basicSeo({ baseUrl: this.baseUrl, path: this.currentPath(), lang: this.lang, title, description }));
  }

  apply(seo: PageSeo): void {
    this.title.setTitle(seo.title);
    this.meta.updateTag({ name: 'description', content: seo.description });
    const og = new Set(Object.keys(seo.og));
    for (const property of this.ogSet) if (!og.has(property)) this.meta.removeTag(`property="${property}"`);
    for (const [property, content] of Object.entries(seo.og)) this.meta.updateTag({ property, content });
    this.ogSet = og;
    this.link('canonical', undefined, seo.canonical);
    this.link('alternate', 'vi', seo.alternates.vi);
    this.link('alternate', 'en', seo.alternates.en);
    this.link('alternate', 'x-default', seo.alternates.vi);
    this.document.documentElement.lang = this.lang;
    this.setJsonLd(seo.jsonLd);
  }

  private link(rel: string, hreflang: string | undefined, href: string): void {
    const head = this.document.head;
    const selector = hreflang ? `link[rel="${rel}"][hreflang="${hreflang}"]` : `link[rel="${rel}"]:not([hreflang])`;
    let el = head.querySelector<HTMLLinkElement>(selector);
    if (!el) {
      el = this.document.createElement('link');
      el.setAttribute('rel', rel);
      if (hreflang) el.setAttribute('hreflang', hreflang);
      head.appendChild(el);
    }
    el.setAttribute('href', href);
  }

  private setJsonLd(data: Record<string, unknown> | undefined): void {
    const head = this.document.head;
    let el = head.querySelector<HTMLScriptElement>(`script#${LD_ID}`);
    if (!data) {
      el?.remove();
      return;
    }
    if (!el) {
      el = this.document.createElement('script');
      el.id = LD_ID;
      el.setAttribute('type', 'application/ld+json');
      head.appendChild(el);
    }
    el.textContent = jsonLdText(data);
  }
}

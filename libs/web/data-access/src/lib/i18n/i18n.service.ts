import { DOCUMENT, PlatformLocation } from '@angular/common';
import { Injectable, computed, inject, signal } from '@angular/core';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

/** Flat keys, prefixed by the feature that owns them: `{ 'auth.login.title': 'Đăng nhập' }`. */
export type Messages = Record<string, string>;

/** One feature's texts. Vietnamese is complete; English may miss keys (they fall back to Vietnamese). */
export interface Dictionary {
  vi: Messages;
  en: Partial<Messages>;
}

const STORAGE_KEY = 'nss.lang';

/**
 * Runtime translation: Vietnamese by default, English on request (remembered in localStorage).
 * Each feature registers its own dictionary (`provideI18n` in its routes) so no two people edit the same file.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly dictionaries = signal<readonly Dictionary[]>([]);

  /**
   * `?lang=en` in the address (the English variant search engines are pointed to with hreflang, and what the server
   * renders in English) wins over the stored choice; the server has no stored choice and renders Vietnamese.
   */
  readonly lang = signal<Lang>(langFromQuery(inject(PlatformLocation).search) ?? readStoredLang());

  private readonly merged = computed(() => {
    const vi: Messages = {};
    const en: Messages = {};
    for (const dict of this.dictionaries()) {
      Object.assign(vi, dict.vi);
      Object.assign(en, dict.en);
    }
    return { vi, en };
  });

  constructor() {
    this.document.documentElement.lang = this.lang();
  }

  /** Adds a feature's texts; registering the same object twice is a no-op. */
  register(dictionary: Dictionary): void {
    if (this.dictionaries().includes(dictionary)) return;
    this.dictionaries.update((all) => [...all, dictionary]);
  }

  setLang(lang: Lang): void {
    this.lang.set(lang);
    this.document.documentElement.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode or storage full: the choice lasts for this page only.
    }
  }

  /** The text for `key` in the current language; `{name}` placeholders are filled from `params`. */
  t(key: string, params?: Record<string, string | number>): string {
    const { vi, en } = this.merged();
    const text = (this.lang() === 'en' ? en[key] : undefined) ?? vi[key] ?? key;
    return params ? interpolate(text, params) : text;
  }

  /** Picks one side of a bilingual server text such as "Bắt buộc / required". */
  pick(bilingual: string): string {
    return pickLang(bilingual, this.lang());
  }
}

export function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** "Bắt buộc / required" → "Bắt buộc" (vi) or "required" (en); text without " / " is returned as is. */
export function pickLang(bilingual: string, lang: Lang): string {
  const at = bilingual.indexOf(' / ');
  if (at < 0) return bilingual;
  return lang === 'en' ? bilingual.slice(at + 3) : bilingual.slice(0, at);
}

/** `?lang=en` / `?lang=vi` in a query string; null when absent or anything else. */
export function langFromQuery(search: string): Lang | null {
  const value = new URLSearchParams(search).get('lang');
  return value === 'en' || value === 'vi' ? value : null;
}

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

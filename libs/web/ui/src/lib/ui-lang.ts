import { InjectionToken, Signal, signal } from '@angular/core';

export type UiLang = 'vi' | 'en';

/**
 * The current language for the few words the UI components show themselves (and for picking
 * `message`/`messageEn`). The app binds it to the i18n service: `{ provide: UI_LANG, useFactory: () => inject(I18n).lang }`.
 */
export const UI_LANG = new InjectionToken<Signal<UiLang>>('UI_LANG', { factory: () => signal<UiLang>('vi') });

/** "Bắt buộc / required" → one side, by language. */
export function pickBilingual(text: string, lang: UiLang): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return lang === 'en' ? text.slice(at + 3) : text.slice(0, at);
}

import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18n } from './i18n.service';

/**
 * `{{ 'auth.login.title' | t }}` or `{{ 'search.count' | t: { n: total } }}`.
 * Impure so that it re-runs when the language signal changes (a lookup in a map is cheap).
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: string, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }
}

import { EnvironmentProviders, inject, provideEnvironmentInitializer } from '@angular/core';
import { Dictionary, I18n } from './i18n.service';

/**
 * Registers a feature's dictionary when its injector is created. Put it in a lazy route's `providers`
 * (`{ path: '', providers: [provideI18n(AUTH_TEXTS)], children: [...] }`) or in `app.config.ts` for the shell.
 */
export function provideI18n(dictionary: Dictionary): EnvironmentProviders {
  return provideEnvironmentInitializer(() => inject(I18n).register(dictionary));
}

import {
  ApplicationConfig,
  inject,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideClientHydration, withHttpTransferCacheOptions } from '@angular/platform-browser';
import { provideServiceWorker } from '@angular/service-worker';
import { TitleStrategy, provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { AuthSession, I18n, provideI18n, provideWebDataAccess } from '@nss/web-data-access';
import { UI_LANG } from '@nss/web-ui';
import { appRoutes } from './app.routes';
import { I18nTitleStrategy } from './shell/i18n-title.strategy';
import { SHELL_TEXTS } from './shell/shell.i18n';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'enabled' })),
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
    provideWebDataAccess(),
    // The public pages are rendered on the server (app.routes.server.ts) and hydrated here; the API reads the server
    // made travel with the page (transfer state), so the browser does not fetch them again. Event replay is off: its
    // inline script would need a CSP nonce, and a click before hydration on these pages is a plain link or form.
    provideClientHydration(withHttpTransferCacheOptions({ filter: (req) => req.url.startsWith('/api/') })),
    provideI18n(SHELL_TEXTS),
    { provide: UI_LANG, useFactory: () => inject(I18n).lang },
    // Production builds only (project.json `serviceWorker`): the app shell and its chunks are cached so pages opened
    // once (the lot diary) open again without a network; /api, /t/ and /01/ always go to the network (ngsw-config.json).
    provideServiceWorker('ngsw-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerWhenStable:30000' }),
    // Refresh the stored user in the background (role or seller may have changed); never blocks start-up.
    provideAppInitializer(() => {
      const session = inject(AuthSession);
      if (session.isLoggedIn()) session.reloadMe().subscribe({ error: () => undefined });
    }),
  ],
};

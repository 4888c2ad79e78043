import { ApplicationConfig, mergeApplicationConfig } from '@angular/core';
import { provideServerRendering, withRoutes } from '@angular/ssr';
import { provideServerApiOrigin } from '@nss/web-data-access';
import { appConfig } from './app.config';
import { serverRoutes } from './app.routes.server';
import { providePublicWebUrl } from './shared/seo/seo.service';

/**
 * Server-only providers: the render modes of serverRoutes, and the API reached at its own address (API_URL,
 * default http://127.0.0.1:3000) rather than back through the public origin the page was requested on.
 */
const serverOnly: ApplicationConfig = {
  providers: [
    provideServerRendering(withRoutes(serverRoutes)),
    provideServerApiOrigin(process.env['API_URL'] || 'http://127.0.0.1:3000'),
    providePublicWebUrl(process.env['PUBLIC_WEB_URL'] || 'http://localhost:4200'),
  ],
};

export const serverConfig = mergeApplicationConfig(appConfig, serverOnly);

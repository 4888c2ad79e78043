import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { authInterceptor } from './auth/auth.interceptor';

/** HttpClient with the bearer-token interceptor; add once in `app.config.ts`. */
export function provideWebDataAccess(): EnvironmentProviders {
  return makeEnvironmentProviders([provideHttpClient(withFetch(), withInterceptors([authInterceptor]))]);
}

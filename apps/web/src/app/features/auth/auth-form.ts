import { signal } from '@angular/core';
import { normalizeVnMobile } from '@nss/util-vn';
import { ApiError, toApiError } from '@nss/web-data-access';
import { Observable } from 'rxjs';

/** Submit state shared by the auth forms: one request at a time, the API error kept for display. */
export class FormSubmission {
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** Set after the first submit so local checks only show once the user has tried. */
  readonly tried = signal(false);

  run<T>(request: Observable<T>, done: (value: T) => void): void {
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: (value) => {
        this.busy.set(false);
        done(value);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(e));
      },
    });
  }
}

/** Local checks mirror the API's rules so people see mistakes before waiting on a slow network. */
export const validPhone = (v: string) => normalizeVnMobile(v) !== null;
export const validPassword = (v: string) => v.length >= 8;
export const validCode = (v: string) => /^\d{6}$/.test(v.trim());

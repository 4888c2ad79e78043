import { Injectable, inject } from '@angular/core';
import { ApiClient } from '@nss/web-data-access';
import { Observable, shareReplay } from 'rxjs';
import type { Commune, Province } from './seller.models';

/** Provinces and communes (2025 era) for address pickers; cached for the session (they do not change). */
@Injectable({ providedIn: 'root' })
export class AdminUnitsApi {
  private readonly api = inject(ApiClient);
  private provinces$?: Observable<Province[]>;
  private readonly communes = new Map<string, Observable<Commune[]>>();

  provinces(): Observable<Province[]> {
    this.provinces$ ??= this.api.get<Province[]>('/admin-units/provinces').pipe(shareReplay(1));
    return this.provinces$;
  }

  communesOf(provinceCode: string): Observable<Commune[]> {
    let cached = this.communes.get(provinceCode);
    if (!cached) {
      cached = this.api
        .get<Commune[]>(`/admin-units/provinces/${encodeURIComponent(provinceCode)}/communes`)
        .pipe(shareReplay(1));
      this.communes.set(provinceCode, cached);
    }
    return cached;
  }

  /** Drops a failed request from the cache so "try again" really asks again. */
  forget(provinceCode?: string): void {
    if (provinceCode) this.communes.delete(provinceCode);
    else this.provinces$ = undefined;
  }
}

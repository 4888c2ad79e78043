import { Injectable, inject } from '@angular/core';
import type {
  ReportCommunesDto,
  ReportExportDto,
  ReportExportListDto,
  ReportFiguresDto,
  ReportFunnelDto,
  ReportSeriesDto,
  ReportTopDto,
  SuspiciousStampsPage,
} from '@nss/contracts';
import type { FigureName } from '@nss/report-figures';
import { ApiClient, type QueryParams } from '@nss/web-data-access';
import { Observable } from 'rxjs';

export type ExportFormat = ReportExportDto['format'];

/**
 * The province reports (`/api/reports/…`, docs/design/reporting.md § Routes) and the suspicious stamps
 * (`/api/scans/suspicious`). `period` is what `periodQuery` makes of the dashboard's filter.
 */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly api = inject(ApiClient);

  figures(period: QueryParams): Observable<ReportFiguresDto> {
    return this.api.get<ReportFiguresDto>('/reports/figures', period);
  }

  /** Every commune of a province (the commune filter does not apply). */
  communes(period: QueryParams): Observable<ReportCommunesDto> {
    return this.api.get<ReportCommunesDto>('/reports/communes', { ...period, commune: undefined });
  }

  series(period: QueryParams, figure: FigureName, granularity: 'day' | 'week' | 'month'): Observable<ReportSeriesDto> {
    return this.api.get<ReportSeriesDto>('/reports/series', { ...period, figure, granularity });
  }

  /** The funnel is not per period: every household the province trained, where it stands today. */
  funnel(place: { province?: string; commune?: string }, by: 'commune' | 'agent'): Observable<ReportFunnelDto> {
    return this.api.get<ReportFunnelDto>('/reports/funnel', { province: place.province, commune: place.commune, by });
  }

  top(period: QueryParams, by: 'product' | 'seller', limit = 10): Observable<ReportTopDto> {
    return this.api.get<ReportTopDto>('/reports/top', { ...period, by, limit });
  }

  suspicious(province: string | undefined, page: number): Observable<SuspiciousStampsPage> {
    return this.api.get<SuspiciousStampsPage>('/scans/suspicious', { provinceCode: province, page, pageSize: 10 });
  }

  requestExport(period: QueryParams, format: ExportFormat): Observable<ReportExportDto> {
    return this.api.post<ReportExportDto>('/reports/exports', { ...withoutEmpty(period), format });
  }

  exportJob(id: string): Observable<ReportExportDto> {
    return this.api.get<ReportExportDto>(`/reports/exports/${encodeURIComponent(id)}`);
  }

  /** Recent exports the caller may see (staff: their province's, monthly reports included; admins: all). */
  exports(): Observable<ReportExportListDto> {
    return this.api.get<ReportExportListDto>('/reports/exports');
  }

  exportFile(id: string): Observable<Blob> {
    return this.api.download(`/reports/exports/${encodeURIComponent(id)}/file`);
  }
}

/** A JSON body leaves out what a query string would (the contract is strict: `commune: undefined` is fine, `''` is not). */
function withoutEmpty(query: QueryParams): QueryParams {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

import { ChangeDetectionStrategy, Component, DestroyRef, InjectionToken, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ReportExportDto } from '@nss/contracts';
import { periodPhrase } from '@nss/report-figures';
import { formatVnDateTime } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError, type ApiError, type QueryParams } from '@nss/web-data-access';
import { ErrorBoxComponent } from '@nss/web-ui';
import { Subscription, exhaustMap, takeWhile, timer } from 'rxjs';
import { saveFile } from '../../orders/ui/statement-view.component';
import { ReportsApi, type ExportFormat } from '../data/reports.api';

/** How often a running export is asked for its progress. */
export const EXPORT_POLL_MS = new InjectionToken<number>('EXPORT_POLL_MS', { factory: () => 2000 });

export function isFinished(job: Pick<ReportExportDto, 'status'>): boolean {
  return job.status === 'done' || job.status === 'failed';
}

/**
 * Exports of the chosen period and place: pick XLSX, CSV or PDF, request it, watch the worker's progress (polled until
 * done or failed, and no longer once the page is left), download it; the recent exports, monthly reports included.
 */
@Component({
  selector: 'nss-exports-panel',
  imports: [MatButtonModule, MatButtonToggleModule, MatProgressBarModule, ErrorBoxComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">{{ 'rep.exports.intro' | t }}</p>
    <div class="request">
      <mat-button-toggle-group data-testid="export-format" [value]="format()" (change)="format.set($event.value)" [attr.aria-label]="'rep.exports.format' | t">
        @for (f of formats; track f) { <mat-button-toggle [value]="f" [attr.data-format]="f">{{ f.toUpperCase() }}</mat-button-toggle> }
      </mat-button-toggle-group>
      <button mat-flat-button type="button" data-testid="export-request" [disabled]="requesting() || running()" (click)="request()">
        {{ (requesting() ? 'rep.exports.requesting' : 'rep.exports.request') | t }}</button>
    </div>
    <nss-error-box [error]="error()" />
    @if (job(); as j) {
      <div class="job" data-testid="export-job" [attr.data-status]="j.status" aria-live="polite">
        @switch (j.status) {
          @case ('done') {
            <p>{{ 'rep.exports.ready' | t }}</p>
            <button mat-stroked-button type="button" data-testid="export-download" (click)="download(j)">{{ 'rep.exports.download' | t }} {{ j.fileName }}</button>
          }
          @case ('failed') { <p class="failed">{{ 'rep.exports.failed' | t }} {{ j.error?.[lang()] }}</p> }
          @default {
            <p>{{ 'rep.exports.progress' | t: { pct: percent(j) } }}</p>
            <mat-progress-bar mode="determinate" [value]="percent(j)" data-testid="export-progress" [attr.aria-label]="'rep.exports.title' | t" />
          }
        }
      </div>
    }
    <h3>{{ 'rep.exports.recent' | t }}</h3>
    <div class="table-wrap">
      <table data-testid="export-list">
        <thead><tr>
          <th scope="col">{{ 'rep.exports.created' | t }}</th><th scope="col">{{ 'rep.exports.period' | t }}</th>
          <th scope="col">{{ 'rep.exports.format' | t }}</th><th scope="col">{{ 'rep.exports.status' | t }}</th><th scope="col"></th>
        </tr></thead>
        <tbody>
          @for (e of recent(); track e.id) {
            <tr data-testid="export-row" [attr.data-kind]="e.kind">
              <td>{{ time(e.createdAt) }}<small>{{ 'rep.exports.kind.' + e.kind | t }}</small></td><td>{{ phrase(e) }}</td>
              <td>{{ e.format.toUpperCase() }}</td><td>{{ 'rep.exports.status.' + e.status | t }}</td>
              <td>@if (e.status === 'done') { <button mat-button type="button" (click)="download(e)">{{ 'rep.exports.download' | t }}</button> }</td>
            </tr>
          } @empty {
            <tr><td colspan="5" class="muted">{{ 'rep.exports.none' | t }}</td></tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .request { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
    .request button { min-height: 44px; }
    .job { margin: 12px 0; }
    .failed { color: #b3261e; }
    td small { display: block; color: #5f6368; font-size: 0.8rem; }
    h3 { font-size: 1rem; margin: 16px 0 8px; }
  `,
})
export class ExportsPanelComponent {
  private readonly api = inject(ReportsApi);
  private readonly i18n = inject(I18n);
  private readonly pollMs = inject(EXPORT_POLL_MS);
  /** The period and place fields of the dashboard's filter (`periodQuery`). */
  readonly query = input.required<QueryParams>();

  protected readonly formats: readonly ExportFormat[] = ['xlsx', 'csv', 'pdf'];
  protected readonly lang = this.i18n.lang;
  protected readonly format = signal<ExportFormat>('xlsx');
  protected readonly requesting = signal(false);
  protected readonly job = signal<ReportExportDto | null>(null);
  protected readonly running = computed(() => { const j = this.job(); return !!j && !isFinished(j); });
  private readonly failure = signal<unknown>(null);
  protected readonly list = rxResource({ stream: () => this.api.exports() });
  protected readonly error = computed<ApiError | null>(() => {
    const e = this.failure() ?? this.list.error();
    return e ? toApiError(e) : null;
  });
  /** `value()` throws once the list failed (the error box says why). */
  protected readonly recent = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  private polling: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.polling?.unsubscribe());
  }

  protected request(): void {
    this.requesting.set(true);
    this.failure.set(null);
    this.api.requestExport(this.query(), this.format()).subscribe({
      next: (job) => {
        this.requesting.set(false);
        this.job.set(job);
        this.list.reload();
        if (!isFinished(job)) this.watch(job.id);
      },
      error: (e: unknown) => {
        this.requesting.set(false);
        this.failure.set(e);
      },
    });
  }

  /** Asks for the job every `EXPORT_POLL_MS` until it is done or failed; one watch at a time, stopped with the page. */
  private watch(id: string): void {
    this.polling?.unsubscribe();
    this.polling = timer(this.pollMs, this.pollMs)
      .pipe(
        // A slow answer is waited for, not cancelled and asked again.
        exhaustMap(() => this.api.exportJob(id)),
        takeWhile((job) => !isFinished(job), true),
      )
      .subscribe({
        next: (job) => {
          this.job.set(job);
          if (isFinished(job)) this.list.reload();
        },
        error: (e: unknown) => this.failure.set(e),
      });
  }

  protected download(job: ReportExportDto): void {
    this.api.exportFile(job.id).subscribe({
      next: (blob) => saveFile(blob, job.fileName ?? `bao-cao-${job.id}.${job.format}`),
      error: (e: unknown) => this.failure.set(e),
    });
  }

  protected percent(job: ReportExportDto): number {
    return Math.round(job.progress.percent);
  }

  protected phrase(job: ReportExportDto): string {
    return periodPhrase(job.period, this.lang());
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}

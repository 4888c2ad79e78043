import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Observable } from 'rxjs';
import { type ApiError, MAX_STAMPS_PER_BATCH, type StampBatch, type StampBatchFile, type StampRangeResult } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent, StatusChipComponent } from '@nss/web-ui';
import { CANCELLABLE, STAMP_POLL_MS, fileName, formatCount, saveBlob } from './stamp-files';
import { BatchPoller } from './stamp-poller';
import { PendingChangeComponent, rangeNotice } from './pending-change.component';
import { StampRangeFormComponent } from './stamp-range-form.component';
import { StampsApi } from './stamps.api';

/**
 * `/nguoi-ban/tem?lotId=`: a lot's stamp batches (linked from the lot page). The seller (or its agent) requests N
 * stamps, follows a batch until it is ready or closed (waiting for staff, then progress and time left; asked again
 * every 2 s while one is awaited, not once the page is left), cancels, downloads each PDF part and the printer CSV
 * (fetched with the token, handed over as an object URL), activates all stamps, or activates / voids a seq range or a
 * print run; a large range is applied by the worker, its progress followed the same way.
 */
@Component({
  selector: 'nss-seller-stamps-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PageHeaderComponent, StatusChipComponent, PendingChangeComponent, StampRangeFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="lotCode() ? ('stamp.seller.titleLot' | t: { code: lotCode() ?? '' }) : ('stamp.seller.title' | t)">
      @if (lotId()) {
        <a class="btn" [routerLink]="['/nguoi-ban/lo-hang', lotId()]" [queryParams]="{ sellerId: sellerId() ?? null }" data-testid="stamp-back-to-lot">
          {{ 'stamp.seller.backToLot' | t }}</a>
      }
    </nss-page-header>
    <p class="muted">{{ 'stamp.seller.intro' | t }}</p>
    @if (lotId()) {
      <section class="card" aria-labelledby="stamp-request-title">
        <h2 id="stamp-request-title">{{ 'stamp.request.title' | t }}</h2>
        <form (submit)="$event.preventDefault(); submit()" data-testid="stamp-request-form">
          <div class="field">
            <label for="stamp-quantity">{{ 'stamp.request.quantity' | t }}</label>
            <input id="stamp-quantity" type="number" inputmode="numeric" min="1" [max]="max" step="1" data-testid="stamp-quantity"
              [value]="quantity()" (input)="quantity.set(value($event))" aria-describedby="stamp-quantity-hint" />
            <p id="stamp-quantity-hint" class="muted small">{{ 'stamp.request.hint' | t: { max: count(max) } }}</p>
            @if (invalid()) { <p class="error small" role="alert" data-testid="stamp-quantity-error">{{ 'stamp.request.invalid' | t: { max: count(max) } }}</p> }
          </div>
          <button type="submit" class="btn primary" data-testid="stamp-request-submit" [disabled]="busy()">
            {{ (busy() ? 'stamp.request.sending' : 'stamp.request.submit') | t }}</button>
        </form>
      </section>
    } @else {
      <p class="muted" data-testid="stamp-no-lot">{{ 'stamp.request.noLot' | t }}</p>
    }
    @if (notice(); as n) { <p class="notice" role="status" data-testid="stamp-notice">{{ n }}</p> }
    <nss-error-box [error]="error()" />
    <section class="card" aria-labelledby="stamp-list-title">
      <h2 id="stamp-list-title">{{ 'stamp.list.title' | t }}</h2>
      @if (batches(); as list) {
        @for (b of list; track b.id) {
          <article class="batch" data-testid="stamp-batch" [attr.data-id]="b.id" [attr.data-status]="b.status">
            <header>
              <strong data-testid="stamp-batch-code">{{ b.code }}</strong> · {{ 'stamp.batch.quantity' | t: { n: count(b.quantity) } }}
              <nss-status-chip [status]="b.status" [tone]="tone(b)" [label]="'stamp.status.' + b.status | t" />
            </header>
            <p class="muted small">{{ b.productName }} · {{ 'stamp.batch.requestedAt' | t: { time: time(b.createdAt) } }}</p>
            @if (b.status === 'generating' || b.status === 'approved') {
              <progress max="100" [value]="b.progress.percent" data-testid="stamp-progress-bar" [attr.aria-label]="'stamp.status.' + b.status | t"></progress>
              <p class="small" data-testid="stamp-progress" [attr.data-percent]="b.progress.percent">
                {{ 'stamp.batch.progress' | t: { made: count(b.progress.made), total: count(b.progress.total), percent: b.progress.percent } }}
                @if (b.progress.secondsLeft !== null) { · {{ timeLeft(b.progress.secondsLeft) }} }
              </p>
            }
            @if (b.status === 'ready') {
              <p class="small" data-testid="stamp-progress" data-percent="100">
                {{ 'stamp.batch.progress' | t: { made: count(b.progress.made), total: count(b.progress.total), percent: 100 } }}</p>
              <p class="small" data-testid="stamp-activated">{{ 'stamp.batch.activated' | t: { n: count(b.activated), total: count(b.quantity) } }}</p>
              <div class="actions">
                @for (f of b.files; track f.kind + f.part) {
                  <button type="button" class="btn" [attr.data-testid]="f.kind === 'pdf' ? 'stamp-pdf-' + f.part : 'stamp-csv'" [disabled]="busy()" (click)="download(b, f)">
                    {{ (f.kind === 'pdf' ? 'stamp.batch.pdf' : 'stamp.batch.csv') | t: { part: f.part, n: count(f.labels) } }}</button>
                }
                @if (b.activated < b.quantity && !b.pendingChange) {
                  <button type="button" class="btn primary" data-testid="stamp-activate" [disabled]="busy()" (click)="activate(b)">{{ 'stamp.batch.activate' | t }}</button>
                }
              </div>
              @if (b.pendingChange; as p) { <nss-stamp-pending-change [change]="p" /> }
              <nss-stamp-range-form [batch]="b" [disabled]="!!b.pendingChange" (changed)="rangeChanged(b, $event)" />
            }
            @if (b.status === 'rejected' && b.rejectReason) { <p class="small" data-testid="stamp-reject-reason">{{ 'stamp.batch.rejected' | t: { reason: b.rejectReason } }}</p> }
            @if (b.status === 'failed' && b.error) { <p class="small error">{{ 'stamp.batch.failed' | t: { error: b.error } }}</p> }
            @if (cancellable(b)) {
              <button type="button" class="btn" data-testid="stamp-cancel" [disabled]="busy()" (click)="cancel(b)">{{ 'stamp.batch.cancel' | t }}</button>
            }
          </article>
        } @empty {
          <p class="muted" data-testid="stamp-empty">{{ 'stamp.list.empty' | t }}</p>
        }
      } @else {
        <p role="status">{{ 'stamp.loading' | t }}</p>
      }
    </section>
  `,
  styles: `
    h2 { font-size: 1.05rem; margin: 0 0 8px; }
    .batch { border-top: 1px solid #e0e0e0; padding: 10px 0; }
    .batch header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    progress { width: 100%; height: 14px; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0; }
    .error { color: #9b1c1c; }
  `,
})
export class SellerStampsPage implements OnInit {
  private readonly api = inject(StampsApi);
  private readonly i18n = inject(I18n);
  private readonly pollMs = inject(STAMP_POLL_MS);

  /** Query `?lotId=`: the lot whose batches are shown and for which stamps are requested. */
  readonly lotId = input<string | undefined>(undefined);
  /** Query `?sellerId=` (agents: the household they manage). */
  readonly sellerId = input<string | undefined>(undefined);

  protected readonly max = MAX_STAMPS_PER_BATCH;
  protected readonly quantity = signal('');
  protected readonly invalid = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly batches = signal<StampBatch[] | null>(null);
  protected readonly lotCode = computed(() => this.batches()?.[0]?.lotCode ?? null);
  private readonly poller = new BatchPoller(this.api, this.pollMs, () => this.batches() ?? [], (b) => this.replace(b));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.poller.stop());
  }

  ngOnInit(): void {
    this.load();
  }

  private load(): void {
    this.api.list({ lotId: this.lotId() ?? null, sellerId: this.sellerId() ?? null }).subscribe({
      next: (page) => {
        this.batches.set(page.items);
        this.schedulePoll();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  /** While a batch is awaited or a range change runs, asks about it again after `STAMP_POLL_MS`. */
  private schedulePoll(): void {
    this.poller.schedule();
  }

  private replace(batch: StampBatch): void {
    this.batches.update((list) => (list ?? []).map((b) => (b.id === batch.id ? batch : b)));
  }

  protected submit(): void {
    const lotId = this.lotId();
    const n = Number(this.quantity());
    if (!lotId || !Number.isInteger(n) || n < 1 || n > MAX_STAMPS_PER_BATCH || this.quantity().trim() === '') {
      this.invalid.set(true);
      return;
    }
    this.invalid.set(false);
    this.run(this.api.request({ lotId, quantity: n }), (batch) => {
      this.batches.update((list) => [batch, ...(list ?? [])]);
      this.quantity.set('');
      this.notice.set(this.i18n.t(batch.status === 'requested' ? 'stamp.request.waiting' : 'stamp.request.auto', { n: this.count(batch.quantity) }));
      this.schedulePoll();
    });
  }

  protected cancel(batch: StampBatch): void {
    this.run(this.api.cancel(batch.id), (fresh) => {
      this.replace(fresh);
      this.notice.set(this.i18n.t('stamp.batch.cancelled', { code: fresh.code }));
      this.schedulePoll();
    });
  }

  protected activate(batch: StampBatch): void {
    this.run(this.api.activate(batch.id), (result) => this.rangeChanged(batch, result));
  }

  /** A range change sent: done at once (what changed), or left to the worker (followed until it is applied). */
  protected rangeChanged(batch: StampBatch, result: StampRangeResult): void {
    this.notice.set(rangeNotice(this.i18n, result, (n) => this.count(n)));
    this.api.get(batch.id).subscribe({
      next: (fresh) => {
        this.replace(fresh);
        this.schedulePoll();
      },
      error: () => undefined,
    });
  }

  protected download(batch: StampBatch, file: StampBatchFile): void {
    this.run(this.api.download(file), (blob) => saveBlob(blob, fileName(batch, file)));
  }

  private run<T>(call: Observable<T>, done: (value: T) => void): void {
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    call.subscribe({
      next: (value) => {
        this.busy.set(false);
        done(value);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected cancellable(batch: StampBatch): boolean {
    return CANCELLABLE.includes(batch.status);
  }

  protected tone(batch: StampBatch): 'ok' | 'warn' | 'bad' | 'neutral' {
    if (batch.status === 'ready') return 'ok';
    if (batch.status === 'rejected' || batch.status === 'failed') return 'bad';
    if (batch.status === 'cancelled') return 'neutral';
    return 'warn';
  }

  protected timeLeft(seconds: number): string {
    return seconds < 60
      ? this.i18n.t('stamp.batch.secondsLeft', { n: Math.max(1, seconds) })
      : this.i18n.t('stamp.batch.minutesLeft', { n: Math.ceil(seconds / 60) });
  }

  protected count(n: number): string {
    return formatCount(n, this.i18n.lang());
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}

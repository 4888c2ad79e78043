import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, inject, signal } from '@angular/core';
import type { ApiError, StampBatch, StampRangeResult } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent } from '@nss/web-ui';
import { PendingChangeComponent, rangeNotice } from './pending-change.component';
import { STAMP_POLL_MS, formatCount } from './stamp-files';
import { BatchPoller } from './stamp-poller';
import { StampRangeFormComponent } from './stamp-range-form.component';
import { StampsApi } from './stamps.api';

/**
 * `/quan-ly/tem` (province staff; admins see all provinces): stamp requests above the automatic limit, waiting for a
 * decision. Approving queues the batch for the worker; rejecting needs a reason the seller sees. Below, the ready
 * batches of the province: staff may activate or void a seq range or a print run of one (e.g. stamps reported stolen);
 * a large range is applied by the worker, its progress asked again every 2 s until it is done (not once the page is left).
 */
@Component({
  selector: 'nss-staff-stamps-page',
  imports: [TranslatePipe, ErrorBoxComponent, PendingChangeComponent, StampRangeFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="page-title">{{ 'stamp.staff.title' | t }}</h2>
    <p class="muted">{{ 'stamp.staff.intro' | t }}</p>
    @if (notice(); as n) { <p class="notice" role="status" data-testid="stamp-staff-notice">{{ n }}</p> }
    <nss-error-box [error]="error()" />
    @if (batches(); as list) {
      <div class="table-wrap">
        <table data-testid="stamp-staff-table">
          <thead><tr>
            <th scope="col">{{ 'stamp.staff.seller' | t }}</th><th scope="col">{{ 'stamp.staff.product' | t }}</th>
            <th scope="col">{{ 'stamp.staff.lot' | t }}</th><th scope="col" class="num">{{ 'stamp.staff.quantity' | t }}</th>
            <th scope="col">{{ 'stamp.staff.requestedAt' | t }}</th><th scope="col"></th>
          </tr></thead>
          <tbody>
            @for (b of list; track b.id) {
              <tr data-testid="stamp-staff-row" [attr.data-id]="b.id" [attr.data-code]="b.code">
                <td>{{ b.sellerName }}</td><td>{{ b.productName }}</td><td>{{ b.lotCode }}</td>
                <td class="num">{{ count(b.quantity) }}</td><td>{{ time(b.createdAt) }}</td>
                <td>
                  <div class="actions">
                    <button type="button" class="btn primary" data-testid="stamp-approve" [disabled]="busy()" (click)="approve(b)">{{ 'stamp.staff.approve' | t }}</button>
                    <button type="button" class="btn" data-testid="stamp-reject" [disabled]="busy()" (click)="startReject(b)">{{ 'stamp.staff.reject' | t }}</button>
                  </div>
                  @if (rejecting() === b.id) {
                    <form (submit)="$event.preventDefault(); reject(b)" data-testid="stamp-reject-form">
                      <label [for]="'reason-' + b.id">{{ 'stamp.staff.reason' | t }}</label>
                      <textarea [id]="'reason-' + b.id" rows="2" maxlength="500" data-testid="stamp-reject-reason" [value]="reason()" (input)="reason.set(value($event))"></textarea>
                      @if (reasonMissing()) { <p class="error small" role="alert" data-testid="stamp-reason-error">{{ 'stamp.staff.reasonRequired' | t }}</p> }
                      <button type="submit" class="btn danger" data-testid="stamp-reject-confirm" [disabled]="busy()">{{ 'stamp.staff.confirmReject' | t }}</button>
                    </form>
                  }
                </td>
              </tr>
            } @empty {
              <tr><td colspan="6" class="muted" data-testid="stamp-staff-empty">{{ 'stamp.staff.empty' | t }}</td></tr>
            }
          </tbody>
        </table>
      </div>
    } @else if (!error()) {
      <p role="status">{{ 'stamp.loading' | t }}</p>
    }
    <h2 class="page-title">{{ 'stamp.staff.readyTitle' | t }}</h2>
    @if (ready(); as list) {
      @for (b of list; track b.id) {
        <article class="batch" data-testid="stamp-staff-ready" [attr.data-id]="b.id">
          <p>
            <strong>{{ b.code }}</strong> · {{ b.sellerName }} · {{ b.productName }} · {{ b.lotCode }} ·
            <span data-testid="stamp-staff-activated">{{ 'stamp.batch.activated' | t: { n: count(b.activated), total: count(b.quantity) } }}</span>
          </p>
          @if (b.pendingChange; as p) { <nss-stamp-pending-change [change]="p" /> }
          @if (ranging() === b.id) {
            <nss-stamp-range-form [batch]="b" [disabled]="!!b.pendingChange" (changed)="rangeChanged(b, $event)" />
          } @else {
            <button type="button" class="btn" data-testid="stamp-staff-range" (click)="ranging.set(b.id)">{{ 'stamp.staff.range' | t }}</button>
          }
        </article>
      } @empty {
        <p class="muted" data-testid="stamp-staff-ready-empty">{{ 'stamp.staff.readyEmpty' | t }}</p>
      }
    }
  `,
  styles: `
    .page-title { font-size: 1.05rem; margin: 8px 0; }
    .actions { display: flex; gap: 6px; flex-wrap: wrap; }
    textarea { width: 100%; }
    .batch { border-top: 1px solid #e0e0e0; padding: 8px 0; }
    .error { color: #9b1c1c; }
  `,
})
export class StaffStampsPage implements OnInit {
  private readonly api = inject(StampsApi);
  private readonly i18n = inject(I18n);
  private readonly poller: BatchPoller;

  protected readonly batches = signal<StampBatch[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly rejecting = signal<string | null>(null);
  protected readonly reason = signal('');
  protected readonly reasonMissing = signal(false);
  /** Ready batches of the province (range activation and voiding). */
  protected readonly ready = signal<StampBatch[] | null>(null);
  /** The ready batch whose range form is open. */
  protected readonly ranging = signal<string | null>(null);

  constructor() {
    this.poller = new BatchPoller(this.api, inject(STAMP_POLL_MS), () => this.ready() ?? [], (b) => this.replaceReady(b));
    inject(DestroyRef).onDestroy(() => this.poller.stop());
  }

  ngOnInit(): void {
    this.api.list({ status: 'requested' }).subscribe({
      next: (page) => this.batches.set(page.items),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
    this.api.list({ status: 'ready' }).subscribe({
      next: (page) => {
        this.ready.set(page.items);
        this.poller.schedule();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  /** A range change sent: done at once, or left to the worker (followed until it is applied). */
  protected rangeChanged(batch: StampBatch, result: StampRangeResult): void {
    this.notice.set(rangeNotice(this.i18n, result, (n) => this.count(n)));
    this.api.get(batch.id).subscribe({
      next: (fresh) => {
        this.replaceReady(fresh);
        this.poller.schedule();
      },
      error: () => undefined,
    });
  }

  private replaceReady(batch: StampBatch): void {
    this.ready.update((list) => (list ?? []).map((b) => (b.id === batch.id ? batch : b)));
  }

  protected approve(batch: StampBatch): void {
    this.decide(batch, () => this.api.approve(batch.id), 'stamp.staff.approved');
  }

  protected startReject(batch: StampBatch): void {
    this.rejecting.set(batch.id);
    this.reason.set('');
    this.reasonMissing.set(false);
  }

  protected reject(batch: StampBatch): void {
    const reason = this.reason().trim();
    if (reason.length < 3) {
      this.reasonMissing.set(true);
      return;
    }
    this.decide(batch, () => this.api.reject(batch.id, reason), 'stamp.staff.rejectedDone');
  }

  private decide(batch: StampBatch, call: () => ReturnType<StampsApi['approve']>, doneKey: string): void {
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    call().subscribe({
      next: (decided) => {
        this.busy.set(false);
        this.rejecting.set(null);
        this.batches.update((list) => (list ?? []).filter((b) => b.id !== decided.id));
        this.notice.set(this.i18n.t(doneKey, { code: decided.code }));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected count(n: number): string {
    return formatCount(n, this.i18n.lang());
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }

  protected value(event: Event): string {
    return (event.target as HTMLTextAreaElement).value;
  }
}

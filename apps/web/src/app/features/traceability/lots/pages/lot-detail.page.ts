import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent, StatusChipComponent } from '@nss/web-ui';
import { AdminUnitsApi } from '../../../seller/data/admin-units.api';
import type { Commune } from '../../../seller/data/seller.models';
import { DiaryOutbox } from '../data/diary-outbox';
import { LotsApi } from '../data/lots.api';
import type { DiaryEntry, Lot, LotSale } from '../data/lots.models';
import { formatDay } from '../data/vn-time';
import { DiaryEntryFormComponent } from '../ui/diary-entry-form.component';
import { DiaryTimelineComponent } from '../ui/diary-timeline.component';
import { formatAmount } from '../ui/lot-amount';
import { saveBlob } from '../../stamps/stamp-files';

/**
 * `/nguoi-ban/lo-hang/:id`: a lot's facts, its production diary as a timeline, and the form to add an entry (which
 * makes the entry's clientId on the device). The seller, or its agent, may close or reopen the lot.
 * Offline (issue 7 § 1): entries kept on the device stand in the timeline as "waiting to send", with a count, and
 * join the stored ones when the outbox sends them. Opened without a network (the service worker serves the app), the
 * page still takes entries for this lot and shows those waiting, without the lot's facts.
 */
@Component({
  selector: 'nss-lot-detail-page',
  imports: [NgTemplateOutlet, RouterLink, TranslatePipe, ErrorBoxComponent, PageHeaderComponent, StatusChipComponent, DiaryEntryFormComponent, DiaryTimelineComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/lots.css',
  template: `
    @if (lot(); as l) {
      <nss-page-header [title]="'lot.detail.title' | t: { code: l.code }" [subtitle]="l.productName">
        <a class="btn" routerLink=".." [queryParams]="{ sellerId: sellerId() ?? null }">{{ 'lot.common.back' | t }}</a>
      </nss-page-header>
      <section class="card" aria-labelledby="lot-facts-title" data-testid="lot-facts">
        <h2 id="lot-facts-title">{{ 'lot.detail.facts' | t }}</h2>
        <dl class="facts">
          <dt>{{ 'lot.field.status' | t }}</dt>
          <dd><nss-status-chip [status]="l.status" [tone]="l.status === 'open' ? 'ok' : 'neutral'" [label]="'lot.status.' + l.status | t" /></dd>
          <dt>{{ 'lot.field.producedOn' | t }}</dt><dd data-testid="lot-produced-on">{{ day(l.producedOn) }}</dd>
          <dt>{{ 'lot.field.expiresOn' | t }}</dt><dd>{{ l.expiresOn ? day(l.expiresOn) : ('lot.common.none' | t) }}</dd>
          @if (l.shelfLifeDays !== null) {
            <dt>{{ 'lot.field.shelfLifeDays' | t }}</dt><dd>{{ 'lot.detail.shelfLife' | t: { n: l.shelfLifeDays } }}</dd>
          }
          <dt>{{ 'lot.field.quantity' | t }}</dt><dd data-testid="lot-amount">{{ amount(l) }}</dd>
          <dt>{{ 'lot.field.commune' | t }}</dt><dd>{{ l.communeName }}</dd>
          <dt>{{ 'lot.field.standards' | t }}</dt><dd>{{ l.standards.length ? l.standards.join(', ') : ('lot.common.none' | t) }}</dd>
          @if (l.note) { <dt>{{ 'lot.field.note' | t }}</dt><dd style="white-space: pre-line">{{ l.note }}</dd> }
        </dl>
        <button type="button" class="btn" data-testid="lot-toggle-status" [disabled]="saving()" (click)="toggleStatus(l)">
          {{ (l.status === 'open' ? 'lot.detail.close' : 'lot.detail.reopen') | t }}</button>
        @if (l.status === 'closed') { <p class="muted small">{{ 'lot.detail.closedHelp' | t }}</p> }
        <a class="btn" routerLink="/nguoi-ban/tem" [queryParams]="{ lotId: l.id, sellerId: sellerId() ?? null }" data-testid="lot-stamps">
          {{ 'lot.detail.stamps' | t }}</a>
        <button type="button" class="btn" data-testid="lot-epcis" [disabled]="exporting()" (click)="downloadEpcis(l)">
          {{ (exporting() ? 'lot.detail.epcisLoading' : 'lot.detail.epcis') | t }}</button>
      </section>
      <section class="card" aria-labelledby="lot-sales-title" data-testid="lot-sales">
        <h2 id="lot-sales-title">{{ 'lot.sales.title' | t }}</h2>
        @if (sales().length) {
          <ul>
            @for (s of sales(); track s.orderId) {
              <li data-testid="lot-sale">{{ day(s.soldOn) }} · {{ s.orderCode }} · {{ 'lot.sales.quantity' | t: { n: s.quantity } }}@if (s.stampCount) { · {{ 'lot.sales.stamps' | t: { n: s.stampCount } }}}</li>
            }
          </ul>
        } @else {
          <p class="muted small">{{ 'lot.sales.none' | t }}</p>
        }
      </section>
      <nss-error-box [error]="error()" />
      <ng-container *ngTemplateOutlet="diary; context: { $implicit: l.id }" />
    } @else if (offline()) {
      <nss-page-header [title]="'lot.detail.pageTitle' | t">
        <a class="btn" routerLink=".." [queryParams]="{ sellerId: sellerId() ?? null }">{{ 'lot.common.back' | t }}</a>
      </nss-page-header>
      <p class="notice waiting" role="status" data-testid="lot-offline">{{ 'lot.detail.offline' | t }}</p>
      <ng-container *ngTemplateOutlet="diary; context: { $implicit: id() }" />
    } @else if (notFound()) {
      <p role="alert" data-testid="lot-not-found">{{ 'lot.detail.notFound' | t }}</p>
    } @else {
      <nss-error-box [error]="error()" />
      @if (!error()) { <p role="status">{{ 'lot.common.loading' | t }}</p> }
    }
    <ng-template #diary let-lotId>
      <section class="card" aria-labelledby="diary-title">
        <h2 id="diary-title">{{ 'lot.diary.title' | t }}</h2>
        @if (waiting(); as n) {
          <p class="notice waiting" role="status" data-testid="diary-pending-count" [attr.data-count]="n">{{ 'lot.diary.waitingCount' | t: { n } }}</p>
        }
        @if (entries() ?? (offline() ? [] : null); as list) {
          <nss-diary-timeline [entries]="list" [pending]="pending()" (resend)="resend($event)" (discard)="discard($event)" />
        } @else {
          <p role="status">{{ 'lot.common.loading' | t }}</p>
        }
      </section>
      <section class="card" aria-labelledby="diary-add-title">
        <h2 id="diary-add-title">{{ 'lot.diary.add' | t }}</h2>
        <nss-diary-entry-form [lotId]="lotId" [candidates]="candidates()" [communes]="communes()" (recorded)="added($event)" />
      </section>
    </ng-template>
  `,
})
export class LotDetailPage implements OnInit {
  private readonly api = inject(LotsApi);
  private readonly adminUnits = inject(AdminUnitsApi);
  private readonly i18n = inject(I18n);
  private readonly outbox = inject(DiaryOutbox);
  private readonly destroyRef = inject(DestroyRef);

  /** Route `:id`. */
  readonly id = input.required<string>();
  /** Query `?sellerId=` (agents), kept on the way back to the list. */
  readonly sellerId = input<string | undefined>(undefined);

  protected readonly lot = signal<Lot | null>(null);
  protected readonly entries = signal<DiaryEntry[] | null>(null);
  /** Orders shipped from the lot (order code, day, quantity: no buyer data). */
  protected readonly sales = signal<LotSale[]>([]);
  protected readonly candidates = signal<Lot[]>([]);
  protected readonly communes = signal<Commune[]>([]);
  protected readonly notFound = signal(false);
  protected readonly saving = signal(false);
  protected readonly exporting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  /** The lot could not be loaded for want of a network: the diary form and the waiting entries still work. */
  protected readonly offline = signal(false);
  /** This lot's entries still on the device. */
  protected readonly pending = computed(() => this.outbox.records().filter((r) => r.lotId === this.id()));
  protected readonly waiting = computed(() => this.pending().filter((r) => r.state === 'waiting').length);

  ngOnInit(): void {
    const fail = (err: unknown) => {
      const e = toApiError(err);
      if (e.statusCode === 404) this.notFound.set(true);
      else if (unreachable(e)) this.offline.set(true);
      else this.error.set(e);
    };
    // A queued entry stored by the outbox in the background joins the timeline.
    this.outbox.sent$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((entry) => {
      if (entry.lotId === this.id()) this.added(entry);
    });
    this.api.get(this.id()).subscribe({
      next: ({ sales, ...lot }) => {
        this.lot.set(lot);
        this.sales.set(sales);
        this.loadAround(lot);
      },
      error: fail,
    });
    this.api.diary(this.id()).subscribe({ next: (diary) => this.entries.set(diary.items), error: fail });
  }

  /** The seller's other lots (inputs of a processing entry) and the communes of the lot's province (entry places). */
  private loadAround(lot: Lot): void {
    this.api.list({ sellerId: lot.sellerId, pageSize: 100 }).subscribe({
      next: (page) => this.candidates.set(page.items.filter((l) => l.id !== lot.id)),
      error: () => this.candidates.set([]),
    });
    this.adminUnits.communesOf(lot.provinceCode).subscribe({ next: (c) => this.communes.set(c), error: () => this.communes.set([]) });
  }

  protected added(entry: DiaryEntry): void {
    this.entries.update((list) => (list?.some((e) => e.id === entry.id) ? list : [...(list ?? []), entry]));
  }

  protected resend(clientId: string): void {
    void this.outbox.resend(clientId);
  }

  protected discard(clientId: string): void {
    void this.outbox.discard(clientId);
  }

  protected toggleStatus(lot: Lot): void {
    this.saving.set(true);
    this.error.set(null);
    this.api.update(lot.id, { status: lot.status === 'open' ? 'closed' : 'open' }).subscribe({
      next: (updated) => {
        this.saving.set(false);
        this.lot.set(updated);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  /** GET /lots/:id/epcis with the token, saved as `epcis-lo-<code>.jsonld` (as the stamp PDF and CSV downloads). */
  protected downloadEpcis(lot: Lot): void {
    this.exporting.set(true);
    this.error.set(null);
    this.api.epcis(lot.id).subscribe({
      next: (blob) => {
        this.exporting.set(false);
        saveBlob(blob, `epcis-lo-${lot.code}.jsonld`);
      },
      error: (err: unknown) => {
        this.exporting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected day(day: string): string {
    return formatDay(day);
  }

  protected amount(lot: Lot): string {
    return formatAmount(lot.quantity, this.i18n.t(`lot.unit.${lot.unit}`), this.i18n.lang());
  }
}

/** No answer from the server: no network (0) or the service worker's "Gateway Timeout" while offline. */
function unreachable(e: ApiError): boolean {
  return e.statusCode === 0 || e.statusCode === 504 || (typeof navigator !== 'undefined' && navigator.onLine === false);
}

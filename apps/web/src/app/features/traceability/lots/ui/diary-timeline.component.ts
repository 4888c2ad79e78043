import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { ApiError } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { I18n, TranslatePipe } from '@nss/web-data-access';
import type { DiaryEntry } from '../data/lots.models';
import type { OutboxRecord } from '../data/outbox-store';

type Item = { kind: 'stored'; at: string; key: string; entry: DiaryEntry } | { kind: 'pending'; at: string; key: string; record: OutboxRecord };

/**
 * A lot's diary as a timeline: what was done, when (Vietnam time), where, notes and the lots that went in. Entries
 * still on the device (the offline outbox) stand in their place among the stored ones, marked "waiting to send" (or
 * "not sent" with the server's reason and a way to drop or resend them); one that is also stored shows once.
 */
@Component({
  selector: 'nss-diary-timeline',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (items().length) {
      <ol class="timeline" data-testid="diary-timeline">
        @for (item of items(); track item.key) {
          @if (item.kind === 'pending') {
            @let r = item.record;
            <li class="pending" data-testid="diary-pending" [attr.data-client-id]="r.clientId" [attr.data-state]="r.state">
              <span class="dot" aria-hidden="true"></span>
              <div>
                <strong>{{ 'lot.type.' + r.draft.type | t }}</strong>
                · <time [attr.datetime]="r.draft.at">{{ time(r.draft.at) }}</time>
                <br /><span>{{ r.draft.place.text }}</span>
                @if (r.draft.note) { <br /><span class="note">{{ r.draft.note }}</span> }
                @if (r.state === 'waiting') {
                  <br /><span class="badge" data-testid="diary-pending-state">{{ 'lot.diary.waiting' | t }}</span>
                } @else {
                  <br /><span class="badge failed" data-testid="diary-pending-state">{{ 'lot.diary.refused' | t }}</span>
                  @if (r.error) { <span class="field-error" role="alert" data-testid="diary-pending-error">{{ errorText(r.error) }}</span> }
                  <span class="actions">
                    <button type="button" class="btn" data-testid="diary-pending-resend" (click)="resend.emit(r.clientId)">{{ 'lot.diary.resend' | t }}</button>
                    <button type="button" class="btn" data-testid="diary-pending-discard" (click)="discard.emit(r.clientId)">{{ 'lot.diary.discard' | t }}</button>
                  </span>
                }
              </div>
            </li>
          } @else {
            @let e = item.entry;
            <li data-testid="diary-entry" [attr.data-type]="e.type" [attr.data-client-id]="e.clientId">
              <span class="dot" aria-hidden="true"></span>
              <div>
                <strong>{{ 'lot.type.' + e.type | t }}</strong>
                · <time [attr.datetime]="e.at" data-testid="diary-time">{{ time(e.at) }}</time>
                <br /><span>{{ e.place.text }}@if (e.place.communeName) {, {{ e.place.communeName }}}</span>
                @if (e.note) { <br /><span class="note">{{ e.note }}</span> }
                @if (e.inputs.length) {
                  <br /><small data-testid="diary-inputs">{{ 'lot.diary.inputsLabel' | t }}: {{ inputs(e) }}</small>
                }
                <br /><small class="muted">{{ 'lot.diary.recorded' | t: { time: time(e.recordedAt) } }}</small>
              </div>
            </li>
          }
        }
      </ol>
    } @else {
      <p class="muted" data-testid="diary-empty">{{ 'lot.diary.empty' | t }}</p>
    }
  `,
  styles: `
    .timeline { list-style: none; margin: 0; padding: 0; }
    li { display: grid; grid-template-columns: 20px minmax(0, 1fr); gap: 8px; padding: 0 0 14px; position: relative; overflow-wrap: anywhere; }
    li:not(:last-child)::before { content: ''; position: absolute; left: 6px; top: 16px; bottom: 0; width: 2px; background: #a5d6a7; }
    .dot { width: 14px; height: 14px; margin-top: 4px; border-radius: 50%; background: #1f5f2a; }
    .note { white-space: pre-line; }
    .muted { color: #5f6368; }
    .pending .dot { background: #fff; border: 2px dashed #7a5200; box-sizing: border-box; }
    .badge { display: inline-block; margin-top: 4px; padding: 2px 8px; border-radius: 12px; background: #fff3cd; color: #7a5200; font-size: 0.9rem; }
    .badge.failed { background: #fde7e9; color: #b3261e; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 6px; }
    .actions .btn { min-height: 44px; }
  `,
})
export class DiaryTimelineComponent {
  private readonly i18n = inject(I18n);

  readonly entries = input.required<readonly DiaryEntry[]>();
  /** Entries of this lot still on the device. */
  readonly pending = input<readonly OutboxRecord[]>([]);
  readonly resend = output<string>();
  readonly discard = output<string>();

  /**
   * By the time the work happened, then by when it was recorded (as the API orders them; kept when one is added);
   * an entry waiting to send counts as recorded now, so it comes after stored ones of the same time.
   */
  protected readonly items = computed<Item[]>(() => {
    const stored = new Set(this.entries().map((e) => e.clientId));
    const items: (Item & { recordedAt: string })[] = [
      ...this.entries().map((entry) => ({ kind: 'stored' as const, at: entry.at, key: entry.id, recordedAt: entry.recordedAt, entry })),
      ...this.pending()
        .filter((r) => !stored.has(r.clientId))
        .map((record) => ({ kind: 'pending' as const, at: record.draft.at, key: record.clientId, recordedAt: '~' + record.createdAt, record })),
    ];
    return items.sort((a, b) => a.at.localeCompare(b.at) || a.recordedAt.localeCompare(b.recordedAt) || a.key.localeCompare(b.key));
  });

  /** The server's reason, in the reader's language, with its field issues ("at: …"). */
  protected errorText(error: ApiError): string {
    const main = this.i18n.lang() === 'en' && error.messageEn ? error.messageEn : error.message;
    const issues = (error.issues ?? []).map((i) => `${i.path}: ${this.i18n.pick(i.message)}`);
    return [main, ...issues].join(' · ');
  }

  /** "L-01 (40), L-02". */
  protected inputs(e: DiaryEntry): string {
    return e.inputs.map((i) => (i.quantity === null ? i.lotCode : `${i.lotCode} (${i.quantity})`)).join(', ');
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}

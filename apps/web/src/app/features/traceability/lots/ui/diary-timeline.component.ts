import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatVnDateTime } from '@nss/util-vn';
import { TranslatePipe } from '@nss/web-data-access';
import type { DiaryEntry } from '../data/lots.models';

/** A lot's diary as a timeline: what was done, when (Vietnam time), where, notes and the lots that went in. */
@Component({
  selector: 'nss-diary-timeline',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (sorted().length) {
      <ol class="timeline" data-testid="diary-timeline">
        @for (e of sorted(); track e.id) {
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
  `,
})
export class DiaryTimelineComponent {
  readonly entries = input.required<readonly DiaryEntry[]>();

  /** By the time the work happened, then by when it was recorded (as the API orders them; kept when one is added). */
  protected readonly sorted = computed(() =>
    [...this.entries()].sort((a, b) => a.at.localeCompare(b.at) || a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id)),
  );

  /** "L-01 (40), L-02". */
  protected inputs(e: DiaryEntry): string {
    return e.inputs.map((i) => (i.quantity === null ? i.lotCode : `${i.lotCode} (${i.quantity})`)).join(', ');
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}

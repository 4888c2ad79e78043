import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type ChipTone = 'neutral' | 'ok' | 'warn' | 'bad';

const TONES: Record<string, ChipTone> = {
  approved: 'ok',
  verified: 'ok',
  active: 'ok',
  valid: 'ok',
  pending: 'warn',
  pending_verification: 'warn',
  expiring: 'warn',
  rejected: 'bad',
  suspended: 'bad',
  expired: 'bad',
};

/** A small coloured label for a state; the caller passes the translated `label`. */
@Component({
  selector: 'nss-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'chip ' + toneClass()" [attr.data-status]="status()">{{ label() }}</span>`,
  styles: `
    .chip { display: inline-block; padding: 2px 10px; border-radius: 12px; font-size: 0.85rem; font-weight: 600;
      background: #eceff1; color: #37474f; white-space: nowrap; }
    .ok { background: #e3f4e6; color: #1b5e20; }
    .warn { background: #fff3cd; color: #7a5200; }
    .bad { background: #fde7e7; color: #9b1c1c; }
  `,
})
export class StatusChipComponent {
  readonly status = input.required<string>();
  readonly label = input.required<string>();
  readonly tone = input<ChipTone | undefined>(undefined);
  protected readonly toneClass = computed(() => this.tone() ?? TONES[this.status()] ?? 'neutral');
}

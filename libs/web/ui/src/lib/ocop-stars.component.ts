import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { UI_LANG } from './ui-lang';

/** "★★★★ OCOP": the OCOP rating (3–5 stars); an expired certificate is shown struck through. */
@Component({
  selector: 'nss-ocop-stars',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="ocop" [class.expired]="state() === 'expired'" [attr.aria-label]="label()" [title]="label()"
    ><span aria-hidden="true">{{ starText() }}</span> OCOP</span
  >`,
  styles: `
    .ocop { display: inline-block; padding: 2px 8px; border-radius: 12px; background: #fff4d6; color: #7a4b00;
      font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
    .ocop span { color: #e0a100; letter-spacing: 1px; }
    .expired { text-decoration: line-through; opacity: 0.7; }
  `,
})
export class OcopStarsComponent {
  private readonly lang = inject(UI_LANG);
  readonly stars = input.required<number>();
  readonly state = input<'valid' | 'expiring' | 'expired' | undefined>(undefined);

  protected readonly starText = computed(() => '★'.repeat(Math.max(0, Math.min(5, this.stars()))));
  protected readonly label = computed(() => {
    const n = this.stars();
    const en = this.lang() === 'en';
    const base = en ? `OCOP ${n} stars` : `OCOP ${n} sao`;
    if (this.state() === 'expired') return `${base} (${en ? 'expired' : 'đã hết hạn'})`;
    if (this.state() === 'expiring') return `${base} (${en ? 'expiring soon' : 'sắp hết hạn'})`;
    return base;
  });
}

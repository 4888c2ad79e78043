import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { Product } from '@nss/contracts';
import { formatVnDate, formatVnDateTime } from '@nss/util-vn';
import { ApiError, I18n, TranslatePipe } from '@nss/web-data-access';
import { OcopStarsComponent, PriceComponent } from '@nss/web-ui';
import { formatWeight } from '../../shared/format';
import { Decision, DecisionFormComponent } from './decision-form.component';

type Certification = Product['certifications'][number];

/**
 * One listing to moderate. A new listing shows its content; an edit of a listed product shows the pending changes
 * next to the approved values (the approved version stays public until the change is approved).
 */
@Component({
  selector: 'nss-product-review-card',
  imports: [TranslatePipe, PriceComponent, OcopStarsComponent, DecisionFormComponent],
  templateUrl: './product-review-card.component.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between; }
    h2 { margin: 0; font-size: 1.1rem; }
    .photos { display: flex; gap: 6px; overflow-x: auto; }
    .photos img { width: 72px; height: 72px; object-fit: cover; border-radius: 6px; flex: none; }
    .photos img.new { outline: 3px solid #e0a100; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
    dt { color: #5f6368; }
    dd { margin: 0; overflow-wrap: anywhere; }
    .changes { border-left: 4px solid #e0a100; background: #fffaf0; padding: 8px 10px; border-radius: 6px; }
    .changes h3 { margin: 0 0 6px; font-size: 1rem; }
    .was { text-decoration: line-through; color: #8a8a8a; }
    .desc { white-space: pre-line; margin: 0; }
  `,
})
export class ProductReviewCardComponent {
  private readonly i18n = inject(I18n);
  readonly product = input.required<Product>();
  readonly categoryName = input<string>('');
  readonly busy = input(false);
  readonly error = input<ApiError | null>(null);
  readonly decided = output<Decision>();

  protected readonly changes = computed(() => this.product().moderation.pendingChanges ?? null);
  /** Photos waiting for approval are outlined. */
  protected readonly newPhotoIds = computed(() => new Set(this.changes()?.photoIds ?? []));

  protected certText(list: readonly Certification[] | undefined): string {
    if (!list?.length) return '—';
    return list
      .map((c) => [this.i18n.t(`cert.${c.kind}`, {}), c.stars ? `${c.stars}★` : '', c.certificateNumber ?? ''].filter(Boolean).join(' '))
      .join('; ');
  }

  protected ocopText(o: Product['ocop'] | null | undefined): string {
    if (!o) return '—';
    return `${o.stars}★ · ${o.decisionNumber} · ${formatVnDate(new Date(o.decisionDate))} → ${formatVnDate(new Date(o.expiresAt))}`;
  }

  protected weight(grams: number): string {
    return formatWeight(grams);
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}

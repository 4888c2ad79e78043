import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatVnd } from '@nss/util-vn';

/** A price in whole đồng: "120.000 ₫". */
@Component({
  selector: 'nss-price',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="price" data-testid="price">{{ text() }}</span>`,
  styles: `.price { font-weight: 700; color: var(--nss-price, #b3261e); white-space: nowrap; }`,
})
export class PriceComponent {
  readonly amount = input.required<number>();
  protected readonly text = computed(() => formatVnd(this.amount()));
}

import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { UI_LANG } from './ui-lang';

/** Previous / "Trang 2/7" / next for a `Page<T>`; test ids `<testid>-prev`, `<testid>-next`, `<testid>-info`. */
@Component({
  selector: 'nss-pager',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (pages() > 1) {
      <nav class="pager" [attr.aria-label]="en() ? 'Pages' : 'Phân trang'">
        <button type="button" class="btn" [disabled]="page() <= 1" [attr.data-testid]="testid() + '-prev'"
          (click)="pageChange.emit(page() - 1)">‹ {{ en() ? 'Previous' : 'Trang trước' }}</button>
        <span [attr.data-testid]="testid() + '-info'">{{ page() }}/{{ pages() }}</span>
        <button type="button" class="btn" [disabled]="page() >= pages()" [attr.data-testid]="testid() + '-next'"
          (click)="pageChange.emit(page() + 1)">{{ en() ? 'Next' : 'Trang sau' }} ›</button>
      </nav>
    }
  `,
})
export class PagerComponent {
  private readonly lang = inject(UI_LANG);
  readonly page = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly total = input.required<number>();
  readonly testid = input('pager');
  readonly pageChange = output<number>();

  protected readonly en = computed(() => this.lang() === 'en');
  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.total() / Math.max(1, this.pageSize()))));
}

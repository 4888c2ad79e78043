import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ApiError } from '@nss/contracts';
import { UI_LANG, pickBilingual } from './ui-lang';

/**
 * Shows an API error: `message` (vi) or `messageEn` (en), plus the field issues that have no field on the
 * page to sit next to (pass the paths the form shows in `shownPaths`). `role="alert"` so screen readers hear it.
 */
@Component({
  selector: 'nss-error-box',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <div class="error" role="alert" data-testid="error-box" [attr.data-code]="e.code">
        <p>{{ lang() === 'en' ? e.messageEn : e.message }}</p>
        @if (otherIssues().length) {
          <ul>
            @for (issue of otherIssues(); track issue.path) {
              <li>{{ issue.path }}: {{ pick(issue.message) }}</li>
            }
          </ul>
        }
        @if (e.errorId) {
          <small>{{ lang() === 'en' ? 'Error id' : 'Mã lỗi' }}: {{ e.errorId }}</small>
        }
      </div>
    }
  `,
  styles: `
    .error { border: 1px solid #e0a3a3; background: #fdf0f0; color: #8a1c1c; border-radius: 8px;
      padding: 10px 12px; margin: 8px 0; }
    p { margin: 0; font-weight: 600; }
    ul { margin: 6px 0 0; padding-left: 20px; }
  `,
})
export class ErrorBoxComponent {
  protected readonly lang = inject(UI_LANG);
  readonly error = input<ApiError | null | undefined>(null);
  readonly shownPaths = input<readonly string[]>([]);

  protected readonly otherIssues = computed(() =>
    (this.error()?.issues ?? []).filter((i) => !this.shownPaths().includes(i.path)),
  );

  protected pick(message: string): string {
    return pickBilingual(message, this.lang());
  }
}

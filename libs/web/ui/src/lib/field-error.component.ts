import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ApiError } from '@nss/contracts';
import { UI_LANG, pickBilingual } from './ui-lang';

/**
 * The API's message for one form field, placed under the field:
 * `<nss-field-error [error]="error()" path="phone" id="phone-error" />` and `aria-describedby="phone-error"` on the input.
 * A local `message` (client-side check) is shown when the API has nothing for that field.
 */
@Component({
  selector: 'nss-field-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (text(); as t) {
      <span class="field-error" role="alert" [attr.data-testid]="'field-error-' + path()">{{ t }}</span>
    }
  `,
  styles: `.field-error { display: block; color: #b3261e; font-size: 0.9rem; margin-top: 4px; }`,
})
export class FieldErrorComponent {
  private readonly lang = inject(UI_LANG);
  readonly error = input<ApiError | null | undefined>(null);
  readonly path = input.required<string>();
  readonly message = input<string | null | undefined>(null);

  protected readonly text = computed(() => {
    const issues = (this.error()?.issues ?? []).filter((i) => i.path === this.path());
    if (issues.length) return issues.map((i) => pickBilingual(i.message, this.lang())).join(' · ');
    return this.message() ?? null;
  });
}

import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Page title with an optional subtitle; buttons or links go in as content (shown on the right, or below on phones). */
@Component({
  selector: 'nss-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-header">
      <div>
        <h1>{{ title() }}</h1>
        @if (subtitle()) {
          <p>{{ subtitle() }}</p>
        }
      </div>
      <div class="actions"><ng-content /></div>
    </header>
  `,
  styles: `
    .page-header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between;
      margin: 12px 0; }
    h1 { font-size: 1.35rem; margin: 0; line-height: 1.3; }
    p { margin: 4px 0 0; color: #555; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; }
  `,
})
export class PageHeaderComponent {
  readonly title = input.required<string>();
  readonly subtitle = input<string | null | undefined>(null);
}

import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** VI / EN toggle; the app connects it to the i18n service. */
@Component({
  selector: 'nss-lang-switch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="switch" role="group" aria-label="Ngôn ngữ / Language">
      <button type="button" lang="vi" [attr.aria-pressed]="lang() === 'vi'" data-testid="lang-vi"
        (click)="langChange.emit('vi')">VI</button>
      <button type="button" lang="en" [attr.aria-pressed]="lang() === 'en'" data-testid="lang-en"
        (click)="langChange.emit('en')">EN</button>
    </div>
  `,
  styles: `
    .switch { display: inline-flex; border: 1px solid currentColor; border-radius: 8px; overflow: hidden; }
    button { min-width: 44px; min-height: 44px; border: 0; background: transparent; color: inherit; font: inherit;
      font-weight: 600; cursor: pointer; }
    button[aria-pressed='true'] { background: #fff; color: #1f5f2a; }
  `,
})
export class LangSwitchComponent {
  readonly lang = input.required<'vi' | 'en'>();
  readonly langChange = output<'vi' | 'en'>();
}

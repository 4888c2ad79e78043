import { ChangeDetectionStrategy, Component, ViewEncapsulation } from '@angular/core';

/**
 * Puts the Material colour tokens on `<html>` while the dashboard is shown (overlays such as the datepicker live
 * outside the page, so `:host` would not reach them). Not global styles: only the lazy reporting chunk carries it.
 */
@Component({
  selector: 'nss-report-theme',
  template: '',
  styleUrl: './report-theme.scss',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportThemeComponent {}

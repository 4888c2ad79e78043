import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { formatVnDateTime } from '@nss/util-vn';
import { ApiClient, OutboxMessage, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent } from '@nss/web-ui';

/**
 * `GET /api/dev/outbox` as a table, newest first. The end-to-end tests read one-time codes here
 * (`[data-testid=outbox-row][data-phone=…][data-purpose=…] [data-testid=outbox-code]`).
 */
@Component({
  selector: 'nss-outbox-page',
  imports: [TranslatePipe, PageHeaderComponent, ErrorBoxComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'dev.outbox.title' | t" [subtitle]="'dev.outbox.intro' | t">
      <button class="btn" type="button" data-testid="outbox-refresh" (click)="outbox.reload()">{{ 'dev.outbox.refresh' | t }}</button>
    </nss-page-header>
    <form class="filter" (submit)="filter($event)">
      <div class="field">
        <label for="outbox-phone">{{ 'dev.outbox.phone' | t }}</label>
        <input id="outbox-phone" #p type="tel" data-testid="outbox-phone" [value]="phone()" (input)="phone.set(p.value)" />
      </div>
    </form>
    <nss-error-box [error]="error()" />
    @if (outbox.isLoading()) {
      <p>{{ 'common.loading' | t }}</p>
    } @else if (messages().length === 0 && !error()) {
      <p data-testid="outbox-empty">{{ 'dev.outbox.empty' | t }}</p>
    } @else {
      <div class="table-wrap">
        <table data-testid="outbox-table">
          <thead>
            <tr>
              <th>{{ 'dev.outbox.col.time' | t }}</th>
              <th>{{ 'dev.outbox.col.phone' | t }}</th>
              <th>{{ 'dev.outbox.col.purpose' | t }}</th>
              <th>{{ 'dev.outbox.col.code' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (m of messages(); track m.id) {
              <tr data-testid="outbox-row" [attr.data-phone]="m.phone" [attr.data-purpose]="m.purpose" [title]="m.text">
                <td>{{ vnTime(m.createdAt) }}</td>
                <td data-testid="outbox-phone-cell">{{ m.phone }}</td>
                <td>{{ 'dev.outbox.purpose.' + m.purpose | t }}</td>
                <td><strong data-testid="outbox-code">{{ m.code }}</strong></td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `.filter { max-width: 320px; margin-bottom: 12px; }`,
})
export class OutboxPage {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);

  /** `?phone=` narrows the list (the API filters). */
  // The `?phone=` query parameter (router input binding); `phone` itself is the editable field's signal.
  // eslint-disable-next-line @angular-eslint/no-input-rename
  readonly phoneParam = input<string | undefined>(undefined, { alias: 'phone' });
  protected readonly phone = linkedSignal(() => this.phoneParam() ?? '');
  protected readonly outbox = rxResource({
    params: () => ({ phone: this.phoneParam() }),
    stream: ({ params }) => this.api.get<OutboxMessage[]>('/dev/outbox', params),
  });
  protected readonly messages = computed(() => (this.outbox.hasValue() ? this.outbox.value() : []));
  protected readonly error = computed(() => (this.outbox.error() ? toApiError(this.outbox.error()) : null));

  protected filter(event: Event): void {
    event.preventDefault();
    const phone = this.phone().trim();
    if (phone === (this.phoneParam() ?? '')) this.outbox.reload();
    else void this.router.navigate([], { queryParams: { phone: phone || null } });
  }

  protected vnTime(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}

import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { SellerDetail, SellerSummary } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { ApiError, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, StatusChipComponent } from '@nss/web-ui';
import { Decision, DecisionFormComponent } from './decision-form.component';
import { StaffApi } from './staff.api';

/** One seller in the verification queue; "details" loads the full record (citizen ID, address) to check. */
@Component({
  selector: 'nss-seller-review-card',
  imports: [TranslatePipe, ErrorBoxComponent, StatusChipComponent, DecisionFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = seller();
    <article class="card stack" data-testid="seller-review" [attr.data-seller-id]="s.id">
      <header>
        <h2>{{ s.displayName }}</h2>
        <nss-status-chip [status]="s.status" [label]="'staff.sellerStatus.' + s.status | t" />
      </header>
      <dl>
        <dt>{{ 'staff.seller.type' | t }}</dt><dd>{{ 'sellerType.' + s.type | t }}</dd>
        <dt>{{ 'staff.seller.representative' | t }}</dt><dd>{{ s.representativeName }}</dd>
        <dt>{{ 'staff.seller.phone' | t }}</dt><dd>{{ detail()?.phone ?? s.phoneMasked }}</dd>
        <dt>{{ 'staff.seller.commune' | t }}</dt><dd>{{ s.communeName }}</dd>
        <dt>{{ 'staff.seller.source' | t }}</dt><dd>{{ 'staff.source.' + s.onboardingSource | t }}</dd>
        <dt>{{ 'staff.seller.createdAt' | t }}</dt><dd>{{ time(s.createdAt) }}</dd>
        @if (detail(); as d) {
          <dt>{{ 'staff.seller.citizenId' | t }}</dt>
          <dd data-testid="seller-citizen-id">{{ d.citizenId ?? d.citizenIdMasked }}</dd>
          <dt>{{ 'staff.seller.address' | t }}</dt>
          <dd>{{ d.address.text }}, {{ d.address.communeName }}, {{ d.address.provinceName }}</dd>
          @if (d.consent; as c) {
            <dt>{{ 'staff.seller.consent' | t }}</dt>
            <dd>{{ 'staff.consent.' + c.method | t }} · {{ time(c.recordedAt) }}</dd>
          }
        }
      </dl>
      <nss-error-box [error]="detailError()" />
      @if (!detail()) {
        <button type="button" class="btn" [attr.data-testid]="'seller-details-' + s.id" (click)="loadDetail()">
          {{ 'staff.seller.showDetails' | t }}</button>
      }
      @if (s.status === 'pending_verification') {
        <nss-decision-form kind="seller" [itemId]="s.id" [busy]="busy()" [error]="error()" (decided)="decided.emit($event)" />
      }
    </article>
  `,
  styles: `
    header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between; }
    h2 { margin: 0; font-size: 1.1rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
    dt { color: #5f6368; }
    dd { margin: 0; overflow-wrap: anywhere; }
  `,
})
export class SellerReviewCardComponent {
  private readonly api = inject(StaffApi);
  readonly seller = input.required<SellerSummary>();
  readonly busy = input(false);
  readonly error = input<ApiError | null>(null);
  readonly decided = output<Decision>();

  protected readonly detail = signal<SellerDetail | null>(null);
  protected readonly detailError = signal<ApiError | null>(null);

  protected loadDetail(): void {
    this.api.seller(this.seller().id).subscribe({
      next: (d) => this.detail.set(d),
      error: (e: unknown) => this.detailError.set(toApiError(e)),
    });
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}

import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { formatVnDate } from '@nss/util-vn';
import { TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent, StatusChipComponent } from '@nss/web-ui';
import { SellerApi } from '../../data/seller.api';
import type { SellerDetail, SellerFunnel } from '../../data/seller.models';
import { rejectionReasonOf } from '../../forms/seller-status';

const MILESTONES: readonly (keyof SellerFunnel)[] = ['trainedAt', 'accountAt', 'verifiedAt', 'firstListingAt', 'firstSaleAt'];

/** `/seller`: verification status (with the reason when rejected) and the onboarding milestones reached. */
@Component({
  selector: 'nss-seller-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, StatusChipComponent],
  styleUrl: '../../ui/form.css',
  styles: `
    .milestones li { display: flex; justify-content: space-between; gap: 8px; padding: 10px 0; border-bottom: 1px solid #eee; }
    .done { color: #1b5e20; font-weight: 600; }
  `,
  template: `
    <nss-page-header [title]="'seller.dashboard.title' | t" [subtitle]="seller()?.displayName" />
    <nss-error-box [error]="error()" />
    @if (seller(); as s) {
      <section class="card" aria-labelledby="status-title" data-testid="seller-status" [attr.data-status]="s.status">
        <h2 id="status-title">{{ 'seller.dashboard.status' | t }}</h2>
        <nss-status-chip [status]="s.status" [label]="'seller.dashboard.status.' + s.status | t" />
        @if (s.status === 'pending_verification') {
          <p class="muted">{{ 'seller.dashboard.pendingHelp' | t }}</p>
        }
        @if (s.status === 'rejected' && reason()) {
          <p>{{ 'seller.dashboard.rejectedReason' | t }}: {{ reason() }}</p>
        }
      </section>
      <section class="card" aria-labelledby="milestones-title">
        <h2 id="milestones-title">{{ 'seller.dashboard.milestones' | t }}</h2>
        <ul class="list milestones">
          @for (m of milestones(); track m.key) {
            <li [class.done]="m.at">
              <span>{{ m.at ? '✓' : '○' }} {{ 'seller.milestone.' + m.key | t }}</span>
              <span>{{ m.at ?? ('seller.milestone.notYet' | t) }}</span>
            </li>
          }
        </ul>
      </section>
      <p class="row">
        <a class="btn" routerLink="products" data-testid="my-products">{{ 'seller.dashboard.products' | t }}</a>
        <a class="btn" routerLink="products/new">{{ 'seller.dashboard.addProduct' | t }}</a>
        <a class="btn" routerLink="/nguoi-ban/don-hang" data-testid="my-orders">{{ 'seller.dashboard.orders' | t }}</a>
        <a class="btn" routerLink="/nguoi-ban/so-du" data-testid="my-balance">{{ 'seller.dashboard.balance' | t }}</a>
        <a class="btn" routerLink="/nguoi-ban/lo-hang" data-testid="my-lots">{{ 'seller.dashboard.lots' | t }}</a>
        <a class="btn" routerLink="/nguoi-ban/luot-quet" data-testid="my-scans">{{ 'seller.dashboard.scans' | t }}</a>
      </p>
    } @else if (!error()) {
      <p role="status">{{ 'seller.common.loading' | t }}</p>
    }
  `,
})
export class SellerDashboardPage implements OnInit {
  private readonly api = inject(SellerApi);

  protected readonly seller = signal<SellerDetail | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly reason = computed(() => {
    const s = this.seller();
    return s ? rejectionReasonOf(s) : null;
  });
  protected readonly milestones = computed(() => {
    const funnel: Partial<SellerFunnel> = this.seller()?.funnel ?? {};
    return MILESTONES.map((key) => {
      const at = funnel[key];
      return { key, at: at ? formatVnDate(new Date(at)) : null };
    });
  });

  ngOnInit(): void {
    this.api.me().subscribe({
      next: (seller) => this.seller.set(seller),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}

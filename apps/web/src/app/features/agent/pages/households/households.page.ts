import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { ApiError, SellerSummary } from '@nss/contracts';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent, StatusChipComponent } from '@nss/web-ui';
import { AgentApi } from '../../data/agent.api';

const PAGE_SIZE = 50;

/** `/agent/households`: the households this agent manages, with handover and links to their products. */
@Component({
  selector: 'nss-households-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, StatusChipComponent],
  styleUrl: '../../../seller/ui/form.css',
  templateUrl: './households.page.html',
  styles: `
    .household h2 { font-size: 1.05rem; margin: 0 0 4px; }
    .search { display: flex; gap: 8px; margin: 0 0 12px; }
    .search input { flex: 1; }
  `,
})
export class HouseholdsPage implements OnInit {
  private readonly api = inject(AgentApi);
  private readonly i18n = inject(I18n);

  protected readonly sellers = signal<SellerSummary[]>([]);
  protected readonly total = signal(0);
  protected readonly page = signal(1);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);
  /** Per seller: the confirmation/result message of a handover, and whether one is being sent. */
  protected readonly handoverNotice = signal<Record<string, string>>({});
  protected readonly sending = signal<string | null>(null);
  protected query = '';

  ngOnInit(): void {
    this.load(1);
  }

  protected search(): void {
    this.load(1);
  }

  protected load(page: number): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.sellers({ q: this.query.trim() || undefined, page, pageSize: PAGE_SIZE }).subscribe({
      next: (result) => {
        this.loading.set(false);
        this.page.set(result.page);
        this.total.set(result.total);
        this.sellers.set(page === 1 ? result.items : [...this.sellers(), ...result.items]);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected handover(seller: SellerSummary): void {
    if (this.sending()) return;
    // No confirm(): sending a code is harmless; the agent's access ends only when the household claims it.
    this.sending.set(seller.id);
    this.error.set(null);
    this.api.handover(seller.id).subscribe({
      next: () => {
        this.sending.set(null);
        this.handoverNotice.update((all) => ({
          ...all,
          [seller.id]: this.i18n.t('agent.households.handoverSent', { phone: seller.phoneMasked }),
        }));
      },
      error: (err: unknown) => {
        this.sending.set(null);
        this.error.set(toApiError(err));
      },
    });
  }
}

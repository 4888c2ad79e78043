import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { FunnelCounts } from '@nss/contracts';
import { TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent } from '@nss/web-ui';
import { StaffApi } from './staff.api';

const STAGES: readonly (keyof FunnelCounts)[] = ['trained', 'account', 'verified', 'firstListing', 'firstSale'];

/** `GET /onboarding/funnel`: trained → account → verified → first listing → first sale, per commune, as a table. */
@Component({
  selector: 'nss-funnel-page',
  imports: [TranslatePipe, ErrorBoxComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">{{ 'staff.funnel.intro' | t }}</p>
    <nss-error-box [error]="error()" />
    @if (funnel.hasValue()) {
      @let f = funnel.value();
      <div class="table-wrap">
        <table data-testid="funnel-table">
          <caption class="sr-only">{{ 'staff.funnel.title' | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'staff.funnel.commune' | t }}</th>
              @for (s of stages; track s) {
                <th scope="col" class="num">{{ 'staff.funnel.' + s | t }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of f.communes; track row.communeCode) {
              <tr data-testid="funnel-row" [attr.data-commune]="row.communeCode">
                <th scope="row">{{ row.communeName }}</th>
                @for (s of stages; track s) {
                  <td class="num" [attr.data-stage]="s">{{ row[s] }}</td>
                }
              </tr>
            } @empty {
              <tr><td [attr.colspan]="stages.length + 1">{{ 'common.empty' | t }}</td></tr>
            }
          </tbody>
          <tfoot>
            <tr data-testid="funnel-total">
              <th scope="row">{{ 'staff.funnel.total' | t }}</th>
              @for (s of stages; track s) {
                <td class="num" [attr.data-stage]="s"><strong>{{ f.counts[s] }}</strong></td>
              }
            </tr>
            <tr class="rate">
              <th scope="row">{{ 'staff.funnel.rate' | t }}</th>
              @for (s of stages; track s; let i = $index) {
                <td class="num">{{ i === 0 ? '' : rate(f.counts[stages[i - 1]], f.counts[s]) }}</td>
              }
            </tr>
          </tfoot>
        </table>
      </div>
    } @else if (funnel.isLoading()) {
      <p>{{ 'common.loading' | t }}</p>
    }
  `,
  styles: `
    tbody th, tfoot th { font-weight: 600; text-align: left; position: sticky; left: 0; background: #fff; }
    tfoot { background: #f3f6f1; }
    .rate td, .rate th { color: #5f6368; font-size: 0.9rem; font-weight: 400; }
  `,
})
export class FunnelPage {
  private readonly api = inject(StaffApi);
  protected readonly stages = STAGES;
  protected readonly funnel = rxResource({ stream: () => this.api.funnel() });
  protected readonly error = computed(() => (this.funnel.error() ? toApiError(this.funnel.error()) : null));

  /** Share of the previous stage that reached this one. */
  protected rate(previous: number, current: number): string {
    return previous > 0 ? `${Math.round((current / previous) * 100)}%` : '—';
  }
}

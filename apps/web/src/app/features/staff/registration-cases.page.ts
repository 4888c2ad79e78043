import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { RegistrationCaseDetail, RegistrationCaseStatus, RegistrationCaseSummary } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { ApiError, I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PagerComponent } from '@nss/web-ui';
import { StaffApi } from './staff.api';

const STATUSES: readonly RegistrationCaseStatus[] = ['open', 'resolved'];

/**
 * `/staff/cases?status=…&page=…`: registrations flagged as duplicates in the province. The list shows phones and
 * citizen IDs masked; "details" loads one case whole; resolving needs a reason.
 */
@Component({
  selector: 'nss-registration-cases-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, FieldErrorComponent, PagerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">{{ 'staff.cases.intro' | t }}</p>
    <nav class="tabs" [attr.aria-label]="'staff.cases.title' | t">
      @for (s of statuses; track s) {
        <a routerLink="." [queryParams]="{ status: s === 'open' ? null : s }" [attr.aria-current]="s === current() ? 'page' : null"
          [attr.data-testid]="'case-tab-' + s">{{ 'staff.cases.' + s | t }}</a>
      }
    </nav>
    @if (notice()) {
      <p class="notice" role="status" data-testid="staff-notice">{{ notice() }}</p>
    }
    <nss-error-box [error]="listError()" />
    @if (cases.hasValue()) {
      @let page = cases.value();
      <p class="muted">{{ 'staff.count' | t: { n: page.total } }}</p>
      <div class="stack">
        @for (c of page.items; track c.id) {
          <article class="card stack" [attr.data-testid]="'case-' + c.id">
            <h2>{{ c.displayName }}</h2>
            <p class="muted">{{ c.representativeName }} · {{ c.phoneMasked }} · {{ c.citizenIdMasked }} · {{ c.communeName }}</p>
            <p><strong>{{ 'staff.cases.reason.' + c.reason | t }}</strong> · {{ 'staff.cases.source.' + c.source | t }} · {{ when(c.createdAt) }}</p>
            @if (details()[c.id]; as d) {
              <dl>
                <dt>{{ 'staff.cases.phone' | t }}</dt><dd>{{ d.phone }}</dd>
                <dt>{{ 'staff.cases.citizenId' | t }}</dt><dd>{{ d.citizenId }}</dd>
                <dt>{{ 'staff.cases.address' | t }}</dt><dd>{{ d.addressText }}, {{ d.communeName }}</dd>
                @if (d.existingSellerId) {
                  <dt>{{ 'staff.cases.existing' | t }}</dt><dd>{{ d.existingSellerId }}</dd>
                }
              </dl>
              @if (d.resolution) {
                <p class="notice">{{ 'staff.cases.resolvedBy' | t: { reason: d.resolution.reason } }}</p>
              } @else {
                <form class="stack" novalidate (submit)="resolve($event, c)">
                  <nss-error-box [error]="errorOf(c.id)" [shownPaths]="['reason']" />
                  <div class="field">
                    <label [for]="'case-reason-' + c.id">{{ 'staff.cases.resolution' | t }}</label>
                    <textarea [id]="'case-reason-' + c.id" rows="3" maxlength="500" #r [attr.data-testid]="'case-reason-' + c.id"
                      [attr.aria-describedby]="'case-reason-error-' + c.id" (input)="setReason(c.id, r.value)"></textarea>
                    <nss-field-error [id]="'case-reason-error-' + c.id" path="reason" [error]="errorOf(c.id)"
                      [message]="tried()[c.id] && !reasonOf(c.id) ? ('staff.reasonRequired' | t) : null" />
                  </div>
                  <button type="submit" class="btn btn-primary" [attr.data-testid]="'case-resolve-' + c.id" [disabled]="busyId() === c.id">
                    {{ 'staff.cases.resolve' | t }}</button>
                </form>
              }
            } @else {
              <button type="button" class="btn" [attr.data-testid]="'case-details-' + c.id" [disabled]="busyId() === c.id" (click)="open(c)">
                {{ 'staff.cases.details' | t }}</button>
              <nss-error-box [error]="errorOf(c.id)" />
            }
          </article>
        } @empty {
          <p data-testid="case-queue-empty">{{ 'staff.cases.empty' | t }}</p>
        }
      </div>
      <nss-pager [page]="page.page" [pageSize]="page.pageSize" [total]="page.total" testid="case-page" (pageChange)="goTo($event)" />
    } @else if (cases.isLoading()) {
      <p>{{ 'common.loading' | t }}</p>
    }
  `,
})
export class RegistrationCasesPage {
  private readonly api = inject(StaffApi);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);

  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly statuses = STATUSES;
  protected readonly current = computed<RegistrationCaseStatus>(() => (this.status() === 'resolved' ? 'resolved' : 'open'));
  protected readonly cases = rxResource({
    params: () => ({ status: this.current(), page: Number(this.page()) || 1 }),
    stream: ({ params }) => this.api.registrationCases(params.status, params.page),
  });
  protected readonly listError = computed(() => (this.cases.error() ? toApiError(this.cases.error()) : null));
  protected readonly details = signal<Partial<Record<string, RegistrationCaseDetail>>>({});
  protected readonly tried = signal<Partial<Record<string, boolean>>>({});
  private readonly reasons = signal<Partial<Record<string, string>>>({});
  private readonly errors = signal<Partial<Record<string, ApiError>>>({});
  protected readonly busyId = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  protected setReason(id: string, text: string): void {
    this.reasons.set({ ...this.reasons(), [id]: text });
  }

  protected reasonOf(id: string): string {
    return (this.reasons()[id] ?? '').trim();
  }

  protected errorOf(id: string): ApiError | null {
    return this.errors()[id] ?? null;
  }

  protected when(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }

  protected open(c: RegistrationCaseSummary): void {
    this.busyId.set(c.id);
    this.api.registrationCase(c.id).subscribe({
      next: (detail) => {
        this.busyId.set(null);
        this.details.set({ ...this.details(), [c.id]: detail });
      },
      error: (err: unknown) => this.fail(c.id, err),
    });
  }

  protected resolve(event: Event, c: RegistrationCaseSummary): void {
    event.preventDefault();
    this.tried.set({ ...this.tried(), [c.id]: true });
    const reason = this.reasonOf(c.id);
    if (!reason || this.busyId()) return;
    this.busyId.set(c.id);
    this.notice.set(null);
    this.api.resolveRegistrationCase(c.id, reason).subscribe({
      next: (detail) => {
        this.busyId.set(null);
        this.details.set({ ...this.details(), [c.id]: detail });
        this.notice.set(this.i18n.t('staff.cases.done', { name: c.displayName }));
      },
      error: (err: unknown) => this.fail(c.id, err),
    });
  }

  protected goTo(page: number): void {
    void this.router.navigate([], { queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge' });
  }

  private fail(id: string, err: unknown): void {
    this.busyId.set(null);
    this.errors.set({ ...this.errors(), [id]: toApiError(err) });
  }
}

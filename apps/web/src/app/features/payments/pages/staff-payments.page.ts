import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { ApiError } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PagerComponent, PriceComponent } from '@nss/web-ui';
import { Observable } from 'rxjs';
import { PaymentsApi, type QueueStatus } from '../data/payments.api';
import type { BankTransferIssue, PaymentReview, ResolveBankTransferIssueBody } from '../data/payments.models';

type View = 'reviews' | 'issues' | 'refund' | 'payout';

/**
 * `/quan-ly/thanh-toan` (province staff, admin): VNPay payments waiting for a decision, bank transfers that did
 * not match a checkout, and the two money movements staff record by hand (a refund, a payout to a seller).
 */
@Component({
  selector: 'nss-staff-payments-page',
  imports: [TranslatePipe, ErrorBoxComponent, PagerComponent, PriceComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payments.css',
  styles: `:host { max-width: 760px; } .tabs button { flex: none; min-height: 44px; padding: 0 12px; border: 0; background: none;
    font: inherit; font-weight: 600; border-bottom: 3px solid transparent; cursor: pointer; color: #3c4a3a; }
    .tabs button[aria-selected='true'] { color: #1f5f2a; border-bottom-color: #1f5f2a; }`,
  template: `
    <h2>{{ 'pay.staff.title' | t }}</h2>
    <div class="tabs" role="tablist" [attr.aria-label]="'pay.staff.title' | t">
      @for (v of views; track v) {
        <button type="button" role="tab" [attr.aria-selected]="view() === v" [attr.data-testid]="'pay-tab-' + v"
          (click)="view.set(v); done.set(null); error.set(null)">{{ 'pay.staff.tab.' + v | t }}</button>
      }
    </div>
    @if (done(); as d) { <p class="notice" role="status" data-testid="pay-staff-done">{{ d }}</p> }
    <nss-error-box [error]="error()" />

    @if (view() === 'reviews' || view() === 'issues') {
      <label class="check"><input type="checkbox" [checked]="status() === 'resolved'" data-testid="show-resolved"
        (change)="status.set(status() === 'open' ? 'resolved' : 'open'); page.set(1)" /> {{ 'pay.staff.showResolved' | t }}</label>
    }

    @if (view() === 'reviews') {
      @if (reviews.hasValue()) {
        @let list = reviews.value();
        @if (!list.items.length) { <p class="muted" data-testid="reviews-empty">{{ 'pay.staff.empty' | t }}</p> }
        <ul class="queue">
          @for (r of list.items; track r.id) {
            <li class="card" data-testid="payment-review" [attr.data-id]="r.id">
              <p class="between"><strong>{{ r.checkoutCode }}</strong><nss-price [amount]="r.amountVnd" /></p>
              <p class="small">{{ 'pay.staff.reason' | t }}: {{ reasonText(r.reason) }} · {{ time(r.createdAt) }}
                @if (r.vnpay; as v) { <br />VNPay {{ v.transactionNo }} · {{ v.bankCode }} · {{ v.responseCode }} }</p>
              @if (r.status === 'open') {
                <div class="field">
                  <label [for]="'note-' + r.id">{{ 'pay.staff.note' | t }}</label>
                  <input [id]="'note-' + r.id" data-testid="review-note" [value]="note(r.id)" (input)="setNote(r.id, $event)" />
                </div>
                <p class="row">
                  <button type="button" class="btn btn-primary" data-testid="review-accept" [disabled]="busy()"
                    (click)="resolveReview(r, 'accept')">{{ 'pay.staff.accept' | t }}</button>
                  <button type="button" class="btn btn-danger" data-testid="review-refund" [disabled]="busy()"
                    (click)="resolveReview(r, 'refund')">{{ 'pay.staff.refundIt' | t }}</button>
                </p>
              } @else {
                <p class="small muted">{{ 'pay.staff.decision.' + r.decision | t }} · {{ r.note }}</p>
              }
            </li>
          }
        </ul>
        <nss-pager [page]="list.page" [pageSize]="list.pageSize" [total]="list.total" (pageChange)="page.set($event)" />
      } @else if (reviews.error()) {
        <nss-error-box [error]="asError(reviews.error())" />
      }
    }

    @if (view() === 'issues') {
      @if (issues.hasValue()) {
        @let list = issues.value();
        @if (!list.items.length) { <p class="muted" data-testid="issues-empty">{{ 'pay.staff.empty' | t }}</p> }
        <ul class="queue">
          @for (i of list.items; track i.id) {
            <li class="card" data-testid="transfer-issue" [attr.data-id]="i.id" [attr.data-kind]="i.kind">
              <p class="between"><strong>{{ 'pay.issue.' + i.kind | t }}</strong><nss-price [amount]="i.receivedVnd" /></p>
              <p class="small">
                @if (i.checkoutCode) { {{ 'pay.staff.checkout' | t }} {{ i.checkoutCode }} · }
                @if (i.expectedVnd !== null) { {{ 'pay.staff.expected' | t }} <nss-price [amount]="i.expectedVnd" /> · }
                {{ time(i.createdAt) }}<br />“{{ i.content }}”
              </p>
              @if (i.status === 'open') {
                <div class="field">
                  <label [for]="'inote-' + i.id">{{ 'pay.staff.note' | t }}</label>
                  <input [id]="'inote-' + i.id" data-testid="issue-note" [value]="note(i.id)" (input)="setNote(i.id, $event)" />
                </div>
                <div class="field">
                  <label [for]="'iref-' + i.id">{{ 'pay.staff.bankReference' | t }}</label>
                  <input [id]="'iref-' + i.id" data-testid="issue-bank-ref" [value]="note('ref:' + i.id)"
                    (input)="setNote('ref:' + i.id, $event)" />
                </div>
                <p class="row">
                  @for (d of issueDecisions; track d) {
                    <button type="button" class="btn" [attr.data-testid]="'issue-' + d" [disabled]="busy()"
                      (click)="resolveIssue(i, d)">{{ 'pay.staff.issueDecision.' + d | t }}</button>
                  }
                </p>
              } @else {
                <p class="small muted">{{ 'pay.staff.issueDecision.' + i.decision | t }} · {{ i.note }}</p>
              }
            </li>
          }
        </ul>
        <nss-pager [page]="list.page" [pageSize]="list.pageSize" [total]="list.total" (pageChange)="page.set($event)" />
      } @else if (issues.error()) {
        <nss-error-box [error]="asError(issues.error())" />
      }
    }

    @if (view() === 'refund') {
      <form class="form card" (submit)="$event.preventDefault(); refund()" data-testid="refund-form">
        <p class="muted small">{{ 'pay.staff.refundHint' | t }}</p>
        <div class="field"><label for="rf-order">{{ 'pay.staff.orderId' | t }}</label>
          <input id="rf-order" data-testid="refund-order" [value]="field('orderId')" (input)="setForm('orderId', $event)" /></div>
        <div class="field"><label for="rf-amount">{{ 'pay.staff.amountOptional' | t }}</label>
          <input id="rf-amount" data-testid="refund-amount" inputmode="numeric" [value]="field('amount')" (input)="setForm('amount', $event)" /></div>
        <div class="field"><label for="rf-reason">{{ 'common.reason' | t }}</label>
          <input id="rf-reason" data-testid="refund-reason" [value]="field('reason')" (input)="setForm('reason', $event)" /></div>
        <div class="field"><label for="rf-ref">{{ 'pay.staff.bankReference' | t }}</label>
          <input id="rf-ref" data-testid="refund-bank-ref" [value]="field('bankReference')" (input)="setForm('bankReference', $event)" /></div>
        <button type="submit" class="btn btn-primary" data-testid="refund-submit" [disabled]="busy()">{{ 'pay.staff.recordRefund' | t }}</button>
      </form>
    }

    @if (view() === 'payout') {
      <form class="form card" (submit)="$event.preventDefault(); payout()" data-testid="payout-form">
        <p class="muted small">{{ 'pay.staff.payoutHint' | t }}</p>
        <div class="field"><label for="po-seller">{{ 'pay.staff.seller' | t }}</label>
          <select id="po-seller" data-testid="payout-seller" (change)="setForm('sellerId', $event)">
            <option value="" [selected]="!field('sellerId')">—</option>
            @for (s of sellers.value()?.items ?? []; track s.id) {
              <option [value]="s.id" [selected]="field('sellerId') === s.id">{{ s.displayName }} · {{ s.communeName }}</option>
            }
          </select></div>
        @if (balance.hasValue()) {
          <p class="between" data-testid="payout-balance"><span>{{ 'pay.staff.balance' | t }}</span>
            <nss-price [amount]="balance.value().balanceVnd" /></p>
        }
        <div class="field"><label for="po-amount">{{ 'pay.staff.amount' | t }}</label>
          <input id="po-amount" data-testid="payout-amount" inputmode="numeric" [value]="field('amount')" (input)="setForm('amount', $event)" /></div>
        <div class="field"><label for="po-ref">{{ 'pay.staff.bankReference' | t }}</label>
          <input id="po-ref" data-testid="payout-bank-ref" [value]="field('bankReference')" (input)="setForm('bankReference', $event)" /></div>
        <div class="field"><label for="po-note">{{ 'pay.staff.noteOptional' | t }}</label>
          <input id="po-note" data-testid="payout-note" [value]="field('note')" (input)="setForm('note', $event)" /></div>
        <button type="submit" class="btn btn-primary" data-testid="payout-submit" [disabled]="busy()">{{ 'pay.staff.recordPayout' | t }}</button>
      </form>
    }
  `,
})
export class StaffPaymentsPage implements OnInit {
  private readonly api = inject(PaymentsApi);
  private readonly i18n = inject(I18n);
  /** Query `?refundOrder=`: opened from an order waiting for its refund. */
  readonly refundOrder = input<string | undefined>(undefined);

  protected readonly views: readonly View[] = ['reviews', 'issues', 'refund', 'payout'];
  protected readonly issueDecisions: readonly ResolveBankTransferIssueBody['decision'][] = ['accept', 'refunded', 'dismiss'];
  protected readonly view = signal<View>('reviews');
  protected readonly status = signal<QueueStatus>('open');
  protected readonly page = signal(1);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly done = signal<string | null>(null);
  private readonly notes = signal<Record<string, string>>({});
  protected readonly form = signal<Record<string, string>>({});

  protected readonly sellers = rxResource({
    params: () => (this.view() === 'payout' ? true : undefined),
    stream: () => this.api.verifiedSellers(),
  });
  protected readonly balance = rxResource({
    params: () => (this.view() === 'payout' && this.form()['sellerId'] ? this.form()['sellerId'] : undefined),
    stream: ({ params }) => this.api.sellerLedger(params),
  });
  protected readonly reviews = rxResource({
    params: () => (this.view() === 'reviews' ? { status: this.status(), page: this.page() } : undefined),
    stream: ({ params }) => this.api.reviews(params.status, params.page),
  });
  protected readonly issues = rxResource({
    params: () => (this.view() === 'issues' ? { status: this.status(), page: this.page() } : undefined),
    stream: ({ params }) => this.api.transferIssues(params.status, params.page),
  });

  ngOnInit(): void {
    const orderId = this.refundOrder();
    if (orderId) {
      this.view.set('refund');
      this.form.set({ orderId });
    }
  }

  protected note(id: string): string {
    return this.notes()[id] ?? '';
  }

  protected setNote(id: string, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.notes.update((n) => ({ ...n, [id]: value }));
  }

  protected field(name: string): string {
    return this.form()[name] ?? '';
  }

  protected setForm(field: string, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.form.update((f) => ({ ...f, [field]: value }));
  }

  protected resolveReview(review: PaymentReview, decision: 'accept' | 'refund'): void {
    this.run(this.api.resolveReview(review.id, { decision, note: this.note(review.id).trim() }), () => {
      this.reviews.reload();
      return this.i18n.t('pay.staff.resolved', { code: review.checkoutCode });
    });
  }

  protected resolveIssue(issue: BankTransferIssue, decision: ResolveBankTransferIssueBody['decision']): void {
    const bankReference = this.note('ref:' + issue.id).trim();
    const body: ResolveBankTransferIssueBody = { decision, note: this.note(issue.id).trim() };
    if (bankReference) body.bankReference = bankReference;
    this.run(this.api.resolveTransferIssue(issue.id, body), () => {
      this.issues.reload();
      return this.i18n.t('pay.staff.resolved', { code: issue.checkoutCode ?? issue.feedTransactionId });
    });
  }

  protected refund(): void {
    const f = this.form();
    const amount = (f['amount'] ?? '').replace(/\D/g, '');
    this.run(
      this.api.refund({
        orderId: (f['orderId'] ?? '').trim(),
        reason: (f['reason'] ?? '').trim(),
        ...(amount ? { amountVnd: Number(amount) } : {}),
        ...(f['bankReference']?.trim() ? { bankReference: f['bankReference'].trim() } : {}),
      }),
      () => {
        this.form.set({});
        return this.i18n.t('pay.staff.refunded');
      },
    );
  }

  protected payout(): void {
    const f = this.form();
    this.run(
      this.api.payout({
        sellerId: (f['sellerId'] ?? '').trim(),
        amountVnd: Number((f['amount'] ?? '').replace(/\D/g, '') || 0),
        bankReference: (f['bankReference'] ?? '').trim(),
        ...(f['note']?.trim() ? { note: f['note'].trim() } : {}),
      }),
      () => {
        this.form.update((f) => ({ sellerId: f['sellerId'] ?? '' }));
        this.balance.reload();
        return this.i18n.t('pay.staff.paidOut');
      },
    );
  }

  protected reasonText(reason: string): string {
    const key = `pay.reason.${reason.split(':')[0]}`;
    const text = this.i18n.t(key);
    return text === key ? reason : text;
  }

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }

  protected asError(error: unknown): ApiError {
    return toApiError(error);
  }

  private run(call: Observable<unknown>, success: () => string): void {
    this.busy.set(true);
    this.error.set(null);
    this.done.set(null);
    call.subscribe({
      next: () => {
        this.busy.set(false);
        this.done.set(success());
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}

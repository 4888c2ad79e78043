import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatVnDateTime } from '@nss/util-vn';
import { TranslatePipe } from '@nss/web-data-access';
import type { Order, OrderState } from '../data/orders.models';
import { plannedSteps } from './order-rules';

interface Step {
  state: OrderState;
  at: string | null;
  actorRole: string | null;
  reason: string | null;
}

/** The order's states so far (Vietnam time, who did it, why), then the steps still to come, greyed. */
@Component({
  selector: 'nss-order-timeline',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="timeline" data-testid="order-timeline">
      @for (s of steps(); track $index) {
        <li [class.future]="!s.at" [attr.data-state]="s.state" [attr.aria-current]="$index === currentIndex() ? 'step' : null">
          <span class="dot" aria-hidden="true"></span>
          <div>
            <strong>{{ 'ord.state.' + s.state | t }}</strong>
            @if (s.at) {
              <br /><time [attr.datetime]="s.at" data-testid="timeline-time">{{ time(s.at) }}</time>
              @if (s.actorRole && s.actorRole !== 'system') { · <small>{{ 'ord.actor.' + s.actorRole | t }}</small> }
              @if (s.reason) { <br /><small>{{ 'common.reason' | t }}: {{ s.reason }}</small> }
            }
          </div>
        </li>
      }
    </ol>
  `,
  styles: `
    .timeline { list-style: none; margin: 0; padding: 0; }
    li { display: grid; grid-template-columns: 20px 1fr; gap: 8px; padding: 0 0 12px; position: relative; }
    li:not(:last-child)::before { content: ''; position: absolute; left: 6px; top: 16px; bottom: 0; width: 2px; background: #a5d6a7; }
    .dot { width: 14px; height: 14px; margin-top: 4px; border-radius: 50%; background: #1f5f2a; }
    .future { color: #80868b; }
    .future .dot { background: #fff; border: 2px solid #b0b6ad; }
    li[aria-current='step'] strong { color: #1f5f2a; }
  `,
})
export class OrderTimelineComponent {
  readonly order = input.required<Pick<Order, 'history' | 'state' | 'paymentMethod'>>();

  protected readonly steps = computed<Step[]>(() => {
    const order = this.order();
    const done: Step[] = [...order.history]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((h) => ({ state: h.to, at: h.at, actorRole: h.actorRole, reason: h.reason ?? null }));
    const terminal = ['completed', 'cancelled', 'refunded', 'refund_requested'].includes(order.state);
    if (terminal) return done;
    const reached = new Set(done.map((s) => s.state));
    const plan = plannedSteps(order.paymentMethod);
    const from = plan.indexOf(order.state);
    const future = plan.slice(from + 1).filter((s) => !reached.has(s));
    return [...done, ...future.map((state) => ({ state, at: null, actorRole: null, reason: null }))];
  });
  protected readonly currentIndex = computed(() => this.steps().filter((s) => s.at).length - 1);

  protected time(iso: string): string {
    return formatVnDateTime(new Date(iso));
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, AppError } from '@nss/server-core';
import { OrderTransitions, TRANSITION_SCOPE } from '../orders/order-transitions';
import { OrdersRepository } from '../orders/orders.repository';

/** Prepaid orders delivered more than ORDER_AUTO_COMPLETE_DAYS ago that the buyer did not complete are completed. */
@Injectable()
export class OrderAutoComplete {
  private readonly logger = new Logger(OrderAutoComplete.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orders: OrdersRepository,
    private readonly transitions: OrderTransitions,
  ) {}

  async run(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.ORDER_AUTO_COMPLETE_DAYS * 86_400_000);
    const due = await this.orders.deliveredBefore(TRANSITION_SCOPE, before, 200);
    let completed = 0;
    for (const order of due) {
      try {
        await this.transitions.apply(order.id as string, { action: 'auto_complete', role: 'system', actor: { userId: null, role: 'system' }, reason: 'auto_complete', at: now });
        completed++;
      } catch (error) {
        // Moved meanwhile (the buyer completed it, a refund request): nothing to do.
        if (!(error instanceof AppError && error.getStatus() === 409)) throw error;
      }
    }
    if (completed) this.logger.log(`orders.auto-complete completed ${completed} order(s)`);
    return completed;
  }
}

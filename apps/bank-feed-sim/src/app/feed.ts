import { randomBytes } from 'node:crypto';
import type { SimOptions } from './sim-options';

/** The webhook body, as SePay sends it. */
export interface FeedPayload {
  id: number;
  gateway: string;
  /** `yyyy-MM-dd HH:mm:ss`, Vietnam time. */
  transactionDate: string;
  accountNumber: string;
  code: string | null;
  content: string;
  transferType: 'in';
  transferAmount: number;
  accumulated: number;
  subAccount: string | null;
  referenceCode: string;
  description: string;
}

export interface Delivery {
  attempt: number;
  at: string;
  url: string;
  httpStatus: number | null;
  error: string | null;
  body: string | null;
  /** 2xx and `{"success": true}`. */
  ok: boolean;
  willRetry: boolean;
}

export interface Transfer {
  payload: FeedPayload;
  status: 'pending' | 'delivered' | 'failed';
  deliveries: Delivery[];
}

/** `yyyy-MM-dd HH:mm:ss` in Vietnam time (GMT+7). */
export function vnDateTime(date: Date): string {
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export class Feed {
  readonly transfers = new Map<number, Transfer>();
  private lastId = 0;
  private readonly balances = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  webhookUrl: string | null = null;

  constructor(
    private readonly options: SimOptions,
    private readonly log: (text: string) => void,
  ) {}

  /**
   * Ids are unique across restarts (they start from the clock in ms): the receiver deduplicates on them and keeps
   * its records when the simulator restarts.
   */
  private nextId(): number {
    this.lastId = Math.max(this.lastId + 1, this.options.now().getTime());
    return this.lastId;
  }

  add(input: { content: string; transferAmount: number; accountNumber?: string; referenceCode?: string; code?: string | null }): Transfer {
    const accountNumber = input.accountNumber ?? this.options.accountNumber;
    const accumulated = (this.balances.get(accountNumber) ?? 0) + input.transferAmount;
    this.balances.set(accountNumber, accumulated);
    const referenceCode = input.referenceCode ?? `FT${randomBytes(5).toString('hex').toUpperCase()}`;
    const payload: FeedPayload = {
      id: this.nextId(),
      gateway: this.options.gateway,
      transactionDate: vnDateTime(this.options.now()),
      accountNumber,
      code: input.code ?? null,
      content: input.content,
      transferType: 'in',
      transferAmount: input.transferAmount,
      accumulated,
      subAccount: null,
      referenceCode,
      description: `BankAPINotify ${referenceCode} ${input.content}`,
    };
    const transfer: Transfer = { payload, status: 'pending', deliveries: [] };
    this.transfers.set(payload.id, transfer);
    return transfer;
  }

  list(): Transfer[] {
    return [...this.transfers.values()].reverse();
  }

  /** One delivery chain: the first call now (awaited), retries every `retryMs` up to `maxAttempts` calls. */
  async deliver(transfer: Transfer, attempt = 1): Promise<void> {
    if (this.closed) return;
    const delivery = await this.call(transfer, attempt);
    transfer.deliveries.push(delivery);
    if (delivery.ok) {
      transfer.status = 'delivered';
    } else if (delivery.willRetry) {
      transfer.status = transfer.status === 'delivered' ? 'delivered' : 'pending';
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.deliver(transfer, attempt + 1);
      }, this.options.retryMs);
      this.timers.add(timer);
    } else if (transfer.status !== 'delivered') {
      transfer.status = 'failed';
    }
  }

  private async call(transfer: Transfer, attempt: number): Promise<Delivery> {
    const url = this.webhookUrl ?? this.options.webhookUrl;
    const at = this.options.now().toISOString();
    let httpStatus: number | null = null;
    let body: string | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Apikey ${this.options.apiKey}` },
        body: JSON.stringify(transfer.payload),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'manual',
      });
      httpStatus = res.status;
      body = await res.text();
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    let success = false;
    try {
      const parsed: unknown = body ? JSON.parse(body) : null;
      success = !!parsed && typeof parsed === 'object' && (parsed as { success?: unknown }).success === true;
    } catch {
      success = false;
    }
    const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300 && success;
    const willRetry = !ok && attempt < this.options.maxAttempts && !this.closed;
    this.log(`webhook ${transfer.payload.id} #${attempt} → ${httpStatus ?? error}${ok ? ' ok' : ''}${willRetry ? ` (again in ${this.options.retryMs} ms)` : ''}`);
    return { attempt, at, url, httpStatus, error, body, ok, willRetry };
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

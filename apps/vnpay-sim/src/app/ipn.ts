import type { SimOptions } from './sim-options';
import type { SimState, SimTransaction } from './sim-state';

/** RspCode answers after which VNPay calls again (plus time outs, connection errors and unreadable answers). */
const RETRY_CODES = new Set(['01', '04', '97', '99']);

/**
 * Delivers IPNs the way VNPay does: GET `<ipnUrl>?<signed result>`, the merchant answers `{"RspCode","Message"}`;
 * on 01/04/97/99, a time out or a connection error it calls again every `ipnRetryMs`, at most `ipnMaxAttempts`
 * calls. Every call and answer goes to the IPN log.
 */
export class IpnDeliverer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly options: SimOptions,
    private readonly state: SimState,
    private readonly log: (text: string) => void,
  ) {}

  /** The first call (and its retries, scheduled). Resolves after the first call. */
  async deliver(txn: SimTransaction, attempt = 1): Promise<void> {
    if (this.closed || !txn.resultQuery) return;
    const base = this.state.controls.ipnUrl ?? this.options.ipnUrl;
    const url = `${base}${base.includes('?') ? '&' : '?'}${txn.resultQuery}`;
    const entry = await this.call(url, txn.txnRef, attempt);
    if (entry.willRetry) {
      txn.ipnStatus = 'pending';
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.deliver(txn, attempt + 1);
      }, this.options.ipnRetryMs);
      this.timers.add(timer);
    } else {
      txn.ipnStatus = entry.rspCode === '00' || entry.rspCode === '02' ? 'confirmed' : 'gave_up';
    }
  }

  private async call(url: string, txnRef: string, attempt: number) {
    const at = this.options.now().toISOString();
    let httpStatus: number | null = null;
    let body: string | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(this.options.ipnTimeoutMs), redirect: 'manual' });
      httpStatus = res.status;
      body = await res.text();
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    let rspCode: string | null = null;
    try {
      const parsed: unknown = body === null ? null : JSON.parse(body);
      if (parsed && typeof parsed === 'object' && typeof (parsed as { RspCode?: unknown }).RspCode === 'string') rspCode = (parsed as { RspCode: string }).RspCode;
    } catch {
      rspCode = null;
    }
    const acknowledged = rspCode !== null && !RETRY_CODES.has(rspCode);
    const willRetry = !acknowledged && attempt < this.options.ipnMaxAttempts && !this.closed;
    const entry = { at, txnRef, attempt, url, httpStatus, error, body, rspCode, willRetry };
    this.state.ipnLog.push(entry);
    this.log(`IPN ${txnRef} #${attempt} → ${httpStatus ?? error} ${rspCode ?? ''}${willRetry ? ` (again in ${this.options.ipnRetryMs} ms)` : ''}`);
    return entry;
  }

  /** Starts delivery after `delayMs` (and a concurrent duplicate first call when asked). */
  schedule(txn: SimTransaction, delayMs: number, duplicate: boolean): void {
    txn.ipnStatus = 'pending';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(txn);
      if (duplicate) void this.deliver(txn);
    }, delayMs);
    this.timers.add(timer);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

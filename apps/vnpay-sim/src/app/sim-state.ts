import type { Outcome } from './protocol';

export interface SimRefund {
  requestId: string;
  transactionType: '02' | '03';
  amount: number;
  transactionNo: string;
  createBy: string;
  at: string;
}

export type IpnStatus = 'none' | 'pending' | 'confirmed' | 'gave_up' | 'dropped';

export interface SimTransaction {
  /** Opaque id of the payment page session (the form posts it back). */
  sessionId: string;
  tmnCode: string;
  txnRef: string;
  /** vnp_Amount (đồng × 100). */
  amount: number;
  orderInfo: string;
  orderType: string;
  locale: string;
  bankCode: string;
  returnUrl: string;
  ipAddr: string;
  createDate: string;
  expireDate: string;
  status: 'pending' | 'completed';
  outcome: Outcome | null;
  responseCode: string | null;
  transactionStatus: string;
  transactionNo: string;
  bankTranNo: string;
  cardType: string;
  payDate: string;
  refunds: SimRefund[];
  refundedAmount: number;
  ipnStatus: IpnStatus;
  /** The signed result query (return and IPN use the same). */
  resultQuery: string | null;
  openedAt: string;
}

export interface IpnLogEntry {
  at: string;
  txnRef: string;
  attempt: number;
  url: string;
  /** HTTP status, or null on a connection error / time out. */
  httpStatus: number | null;
  error: string | null;
  body: string | null;
  rspCode: string | null;
  /** Whether VNPay will call again after this answer. */
  willRetry: boolean;
}

export interface SimControls {
  /** When the IPN goes relative to the browser's redirect back. */
  ipnTiming: 'after_redirect' | 'before_redirect';
  /** Delay of the first IPN call after the outcome (after_redirect only). */
  ipnDelayMs: number;
  /** Also send the first IPN a second time at once (two concurrent calls). */
  duplicateIpn: boolean;
  /** Send no IPN at all (the merchant must ask with querydr). */
  dropIpn: boolean;
  /** Override of the IPN URL (tests with their own API). */
  ipnUrl: string | null;
  /** Answer the next `apiTimes` querydr/refund calls with this (signed) code. */
  apiResponseCode: string | null;
  apiTimes: number;
  /** Hold querydr/refund answers this long (merchant time-out tests). */
  apiHoldMs: number;
}

export const DEFAULT_CONTROLS: SimControls = {
  ipnTiming: 'after_redirect',
  ipnDelayMs: 0,
  duplicateIpn: false,
  dropIpn: false,
  ipnUrl: null,
  apiResponseCode: null,
  apiTimes: 0,
  apiHoldMs: 0,
};

export class SimState {
  /** By `tmnCode:txnRef`. */
  readonly transactions = new Map<string, SimTransaction>();
  readonly sessions = new Map<string, string>();
  readonly ipnLog: IpnLogEntry[] = [];
  /** `tmnCode:yyyyMMdd:requestId` seen (unique per day). */
  readonly requestIds = new Set<string>();
  controls: SimControls = { ...DEFAULT_CONTROLS };

  key(tmnCode: string, txnRef: string): string {
    return `${tmnCode}:${txnRef}`;
  }

  list(): SimTransaction[] {
    return [...this.transactions.values()].reverse();
  }
}

import { randomBytes, randomUUID } from 'node:crypto';

export type SimChannel = 'zns' | 'sms';

/** What the simulator was told to do to the next sends (of one phone, or of every phone). */
export interface SimControl {
  id: string;
  /** National form (0xxxxxxxxx); absent: every phone. */
  phone?: string;
  channel: SimChannel;
  action: 'fail' | 'timeout' | 'not_on_zalo' | 'expire_token' | 'no_report';
  /** The provider error code to answer with (`fail`): e.g. -100 for ZNS, "103" for eSMS. */
  code?: string;
  /** How many sends it applies to; absent: until removed. */
  times?: number;
}

/** One request the simulator received, as the dev page and the JSON endpoint show it. */
export interface SimMessage {
  id: string;
  channel: SimChannel;
  receivedAt: string;
  phone: string;
  /** ZNS: the template id and its data; SMS: the text. */
  templateId?: string;
  templateData?: Record<string, string>;
  text?: string;
  /** ZNS tracking_id or eSMS RequestId. */
  reference: string;
  /** ZNS msg_id or eSMS SMSID (when accepted). */
  providerId?: string;
  /** What we answered: `accepted`, or the error code. */
  result: string;
  timedOut: boolean;
  report: 'none' | 'pending' | 'sent' | 'failed';
  /** ZNS: the Zalo app that sent it (its webhook reports carry this app_id). */
  appId?: string;
}

/** 84912345678 / +84… / 0912345678 → 0912345678; anything else unchanged. */
export function nationalPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '');
  return /^84\d{9}$/.test(digits) ? `0${digits.slice(2)}` : digits;
}

/** In-memory state: received messages, controls, OA tokens, eSMS request ids seen. Lost on restart, by design. */
export class SimState {
  readonly messages: SimMessage[] = [];
  controls: SimControl[] = [];
  /** Current refresh token per Zalo app (each app's first one is the configured initial token). */
  private readonly refreshTokens = new Map<string, string>();
  readonly accessTokens = new Map<string, { expires: number; appId: string }>();
  readonly requestIds = new Set<string>();

  constructor(private readonly initialRefreshToken: string) {}

  refreshTokenOf(appId: string): string {
    return this.refreshTokens.get(appId) ?? this.initialRefreshToken;
  }

  record(message: Omit<SimMessage, 'id' | 'receivedAt'>): SimMessage {
    const full: SimMessage = { id: randomUUID(), receivedAt: new Date().toISOString(), ...message };
    this.messages.unshift(full);
    if (this.messages.length > 5000) this.messages.length = 5000;
    return full;
  }

  /** The control that applies to this send (and spends one of its `times`). */
  take(channel: SimChannel, phone: string, action?: SimControl['action']): SimControl | undefined {
    const control =
      this.controls.find((c) => c.channel === channel && c.phone === phone && (!action || c.action === action)) ??
      this.controls.find((c) => c.channel === channel && !c.phone && (!action || c.action === action));
    if (control?.times !== undefined) {
      control.times -= 1;
      if (control.times <= 0) this.controls = this.controls.filter((c) => c !== control);
    }
    return control;
  }

  addControl(control: Omit<SimControl, 'id'>): SimControl {
    const full = { id: randomUUID(), ...control, ...(control.phone ? { phone: nationalPhone(control.phone) } : {}) };
    this.controls.push(full);
    return full;
  }

  issueTokens(appId: string): { accessToken: string; refreshToken: string } {
    const accessToken = randomBytes(24).toString('base64url');
    const refreshToken = randomBytes(24).toString('base64url');
    this.refreshTokens.set(appId, refreshToken);
    this.accessTokens.set(accessToken, { expires: Date.now() + 90_000 * 1000, appId });
    return { accessToken, refreshToken };
  }

  /** The app an access token was issued to, if it is still valid. */
  appOfToken(token: string | undefined): string | null {
    const entry = token ? this.accessTokens.get(token) : undefined;
    return entry && entry.expires > Date.now() ? entry.appId : null;
  }
}

import { randomInt } from 'node:crypto';
import type { OtpPurpose, Role } from '@nss/contracts';
import { AccessTokenService, type Actor } from '@nss/server-core';
import { type AccountUser, UsersService } from '@nss/accounts-api';
import { simMessages } from './messaging-sim';
import { deliverNow, latestMessage, simUrlOf } from './notifications.support';
import type { TestApi } from './test-api';
import { aClientAddress } from './client-address';

/** A random Vietnamese mobile number in national form (09xxxxxxxx), unique enough for parallel test files. */
export function aPhone(): string {
  return `09${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export const DEFAULT_TEST_PASSWORD = 'mat-khau-thu-nghiem';

export interface CreatedAccount {
  user: AccountUser;
  actor: Actor;
  /** A valid access token for the user (signed directly, no HTTP round trip). */
  accessToken: string;
  /** The password, or null for an account created without one (agent-created, not handed over). */
  password: string | null;
}

/**
 * Fluent factory for users with a token, for any role:
 *   const { user, accessToken } = await anAccount().withRole('province_staff').inProvince('19').create(api);
 * Agents and province staff get province '19' unless told otherwise. Inserted through the app's UsersService.
 */
export class AccountBuilder {
  private role: Role = 'buyer';
  private phone = aPhone();
  private fullName = 'Nguyễn Văn Thử';
  private password: string | null = DEFAULT_TEST_PASSWORD;
  private provinceCode?: string;
  private sellerId?: string;

  withRole(role: Role): this {
    this.role = role;
    return this;
  }

  inProvince(provinceCode: string): this {
    this.provinceCode = provinceCode;
    return this;
  }

  withPhone(phone: string): this {
    this.phone = phone;
    return this;
  }

  withName(fullName: string): this {
    this.fullName = fullName;
    return this;
  }

  withPassword(password: string): this {
    this.password = password;
    return this;
  }

  /** An account that cannot sign in yet (as an agent creates for a household). */
  withoutPassword(): this {
    this.password = null;
    return this;
  }

  /** A seller user acting for this seller (role becomes seller). */
  forSeller(sellerId: string): this {
    this.role = 'seller';
    this.sellerId = sellerId;
    return this;
  }

  async create(api: TestApi): Promise<CreatedAccount> {
    const provinceCode =
      this.provinceCode ?? (this.role === 'agent' || this.role === 'province_staff' ? '19' : undefined);
    const user = await api.app.get(UsersService).createUser({
      phone: this.phone,
      fullName: this.fullName,
      role: this.role,
      ...(this.password !== null ? { password: this.password } : {}),
      ...(provinceCode ? { provinceCode } : {}),
      ...(this.sellerId ? { sellerId: this.sellerId } : {}),
    });
    const actor: Actor = {
      userId: user.id,
      role: user.role,
      ...(user.provinceCode ? { provinceCode: user.provinceCode } : {}),
      ...(user.sellerId ? { sellerId: user.sellerId } : {}),
    };
    const accessToken = api.app.get(AccessTokenService).sign(actor).token;
    return { user, actor, accessToken, password: this.password };
  }
}

export function anAccount(): AccountBuilder {
  return new AccountBuilder();
}

/**
 * Step one of a public registration (`POST /auth/phone-verification`, from its own client address) and the code it
 * sent to the phone.
 */
export async function aVerificationCode(api: TestApi, phone: string): Promise<string> {
  const res = await api.request({ method: 'POST', url: '/api/auth/phone-verification', body: { phone }, from: aClientAddress() });
  if (res.status !== 202) throw new Error(`phone verification failed: ${res.status} ${JSON.stringify(res.body)}`);
  const code = await latestOutboxCode(api, phone, 'phone_verification');
  if (!code) throw new Error('no phone_verification code reached the phone (messaging simulator)');
  return code;
}

/**
 * The code of the newest one-time code sent to a phone for a purpose (null if none): delivers the pending message
 * through the real adapters to the messaging simulator (as the worker would), then reads the code from what the
 * simulator received for that delivery attempt (ZNS template data, or the SMS text).
 */
export async function latestOutboxCode(api: TestApi, phone: string, purpose: OtpPurpose): Promise<string | null> {
  const message = await latestMessage(api, phone, `otp.${purpose}`);
  if (!message) return null;
  const id = message._id.toHexString();
  if (message.state === 'queued') await deliverNow(api, id);
  const attempts = await api.connection
    .collection<{ _id: { toHexString(): string }; state: string }>('notification_attempts')
    .find({ messageId: message._id, state: { $in: ['accepted', 'delivered'] } })
    .toArray();
  const references = new Set(attempts.map((a) => a._id.toHexString()));
  const received = (await simMessages(simUrlOf(api), phone)).find((m) => m.result === 'accepted' && references.has(m.reference));
  if (!received) return null;
  const text = received.templateData?.['otp'] ?? received.text ?? '';
  return /\b(\d{6})\b/.exec(text)?.[1] ?? null;
}

/** Like latestOutboxCode, waiting up to `timeoutMs` for a code sent after the answer (password reset). */
export async function awaitOutboxCode(api: TestApi, phone: string, purpose: OtpPurpose, timeoutMs = 5000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = await latestOutboxCode(api, phone, purpose);
    if (code || Date.now() > deadline) return code;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

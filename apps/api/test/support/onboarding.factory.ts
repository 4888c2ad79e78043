import { randomInt } from 'node:crypto';
import { UsersService } from '@nss/accounts-api';
import type { SelfRegisterResult, SellerDetail, SellerType } from '@nss/contracts';
import { aPhone, anAccount, aVerificationCode, type CreatedAccount, DEFAULT_TEST_PASSWORD } from './accounts.factory';
import { aClientAddress } from './client-address';
import type { TestApi } from './test-api';

/** Real 2025 communes used by the tests. */
export const COMMUNES = {
  /** Thái Nguyên (19) */
  tanCuong: { provinceCode: '19', communeCode: '05503' },
  phanDinhPhung: { provinceCode: '19', communeCode: '05443' },
  bacKan: { provinceCode: '19', communeCode: '01843' },
  /** Cao Bằng (04) */
  thucPhan: { provinceCode: '04', communeCode: '01273' },
} as const;

/** A random 12-digit citizen ID (CCCD). */
export function aCitizenId(): string {
  return `0${String(randomInt(0, 1_000_000)).padStart(6, '0')}${String(randomInt(0, 100_000)).padStart(5, '0')}`;
}

export interface CreatedSeller {
  seller: SellerDetail;
  phone: string;
  citizenId: string;
  /** The agent that registered it (agent-registered sellers only). */
  agent?: CreatedAccount;
  /** Access token of the seller's own user (self-registered sellers only). */
  sellerToken?: string;
}

/** The request body of a seller registration; `password` only for self-registration. */
export function sellerBody(overrides: Record<string, unknown> = {}, commune: { provinceCode: string; communeCode: string } = COMMUNES.tanCuong) {
  return {
    phone: aPhone(),
    type: 'household' as SellerType,
    representativeName: 'Hoàng Thị Chè',
    displayName: 'Chè Tân Cương nhà Hoàng',
    citizenId: aCitizenId(),
    address: { ...commune, text: 'Xóm Hồng Thái 2' },
    ...overrides,
  };
}

/**
 * A seller's self-registration in its two steps: a code to the body's phone, then the body with that code. Returns
 * the answer of step two. Each step comes from its own client address (public POSTs are limited per client).
 */
export async function selfRegister(api: TestApi, body: Record<string, unknown> & { phone: string }) {
  const code = await aVerificationCode(api, body.phone);
  return api.request<SelfRegisterResult>({ method: 'POST', url: '/api/sellers/self-register', from: aClientAddress(), body: { ...body, code } });
}

export function consent() {
  return { given: true, method: 'verbal', recordedAt: new Date(Date.now() - 60_000).toISOString() };
}

/**
 * Fluent factory for sellers, through the real HTTP endpoints:
 *   const { seller } = await aSeller().inCommune('19', '05503').byAgent(agent).verified().create(api);
 * Self-registered unless `byAgent()` is called; `verified()`/`rejected()` decide through a staff member of the
 * seller's province.
 */
export class SellerBuilder {
  private commune: { provinceCode: string; communeCode: string } = COMMUNES.tanCuong;
  private phone = aPhone();
  private citizenId = aCitizenId();
  private type: SellerType = 'household';
  private displayName = 'Chè Tân Cương nhà Hoàng';
  private agent: CreatedAccount | 'new' | null = null;
  private decision: { decision: 'approve' | 'reject'; reason?: string } | null = null;

  inCommune(provinceCode: string, communeCode: string): this {
    this.commune = { provinceCode, communeCode };
    return this;
  }

  withPhone(phone: string): this {
    this.phone = phone;
    return this;
  }

  withCitizenId(citizenId: string): this {
    this.citizenId = citizenId;
    return this;
  }

  ofType(type: SellerType): this {
    this.type = type;
    return this;
  }

  named(displayName: string): this {
    this.displayName = displayName;
    return this;
  }

  /** Registered by this agent (or by a new agent of the seller's province) with consent. */
  byAgent(agent?: CreatedAccount): this {
    this.agent = agent ?? 'new';
    return this;
  }

  verified(): this {
    this.decision = { decision: 'approve' };
    return this;
  }

  rejected(reason = 'Ảnh CCCD không rõ'): this {
    this.decision = { decision: 'reject', reason };
    return this;
  }

  async create(api: TestApi): Promise<CreatedSeller> {
    const body = sellerBody(
      { phone: this.phone, citizenId: this.citizenId, type: this.type, displayName: this.displayName },
      this.commune,
    );
    let created: CreatedSeller;
    if (this.agent) {
      const agent =
        this.agent === 'new'
          ? await anAccount().withRole('agent').inProvince(this.commune.provinceCode).create(api)
          : this.agent;
      const res = await api.request({ method: 'POST', url: '/api/sellers', token: agent.accessToken, body: { ...body, consent: consent() } });
      if (res.status !== 202) throw new Error(`agent registration failed: ${res.status} ${JSON.stringify(res.body)}`);
      // The receipt does not say what happened (a duplicate becomes a case): find the new seller by its phone.
      const sellerId = (await api.app.get(UsersService).findByPhone(this.phone))?.sellerId;
      if (!sellerId) throw new Error('agent registration created no seller (duplicate citizen ID or phone?)');
      const detail = await api.request({ method: 'GET', url: `/api/sellers/${sellerId}`, token: agent.accessToken });
      created = { seller: detail.body as SellerDetail, phone: this.phone, citizenId: this.citizenId, agent };
    } else {
      const res = await selfRegister(api, { ...body, password: DEFAULT_TEST_PASSWORD });
      if (res.status !== 201) throw new Error(`self-registration failed: ${res.status} ${JSON.stringify(res.body)}`);
      const result = res.body as SelfRegisterResult;
      if (!result.seller) throw new Error('self-registration created no seller');
      created = { seller: result.seller, phone: this.phone, citizenId: this.citizenId, sellerToken: result.tokens.accessToken };
    }
    if (this.decision) {
      const staff = await anAccount().withRole('province_staff').inProvince(this.commune.provinceCode).create(api);
      const res = await api.request<SellerDetail>({
        method: 'POST',
        url: `/api/sellers/${created.seller.id}/verify`,
        token: staff.accessToken,
        body: this.decision,
      });
      if (res.status !== 200) throw new Error(`verification failed: ${res.status} ${JSON.stringify(res.body)}`);
      created.seller = { ...created.seller, ...res.body, citizenId: created.seller.citizenId };
    }
    return created;
  }
}

export function aSeller(): SellerBuilder {
  return new SellerBuilder();
}

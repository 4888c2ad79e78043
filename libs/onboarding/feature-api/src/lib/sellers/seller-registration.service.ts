import { Injectable } from '@nestjs/common';
import { AccountRecoveryService, PhoneProofService, SessionService } from '@nss/accounts-api';
import type { AgentRegisterBody, AgentRegistrationReceipt, SelfRegisterBody, SelfRegisterResult } from '@nss/contracts';
import { AppError, type Actor } from '@nss/server-core';
import { CitizenIdCipher } from './citizen-id-cipher';
import { SellerAccess } from './seller-access';
import { SellerCreation, type SellerProfile } from './seller-creation';
import { sellerDetailOf } from './seller.mapper';
import { SellersRepository } from './sellers.repository';

/** Clock skew we tolerate on a consent time recorded on the agent's phone. */
const CONSENT_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Registration of sellers, by the household itself or by an agent with the household's consent. Neither answers
 * whether a phone or citizen ID is already registered to someone who has not proved they hold that phone:
 * - self-registration needs the `phone_verification` code first (`POST /auth/phone-verification`); with it, a
 *   phone that already has an account is recovered (AccountRecoveryService) instead of registered again;
 * - an agent always gets the same receipt: a new household is created, a registered citizen ID or phone becomes
 *   a case for the staff of the province (RegistrationCasesService).
 */
@Injectable()
export class SellerRegistrationService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly creation: SellerCreation,
    private readonly proof: PhoneProofService,
    private readonly recovery: AccountRecoveryService,
    private readonly sessions: SessionService,
    private readonly cipher: CitizenIdCipher,
  ) {}

  async selfRegister(body: SelfRegisterBody, now = new Date()): Promise<SelfRegisterResult> {
    const { password, code, ...profile } = body;
    this.creation.checkAddress(profile);
    await this.proof.prove(profile.phone, code);
    const recovered = await this.recovery.recover(profile.phone, password, now);
    if (recovered) {
      const sellerId = recovered.user.sellerId;
      const seller = sellerId ? await this.sellers.get(SellerAccess.platform('account recovered by its proven phone'), sellerId) : null;
      return { ...(seller ? { seller: sellerDetailOf(seller, this.cipher.open(seller.citizenIdSealed), true) } : {}), tokens: recovered.tokens, recovered: true };
    }
    return { ...(await this.registerSelfWithProvenPhone(profile, password, now)), recovered: false };
  }

  /**
   * A self-registration whose phone is already proved (by the code above, or by the demo seed, which registers its
   * published demo households in-process). 409 DUPLICATE on `citizenId` when that citizen ID is registered (also
   * filed as a case for staff): only the holder of the phone gets this far, one code per attempt.
   */
  async registerSelfWithProvenPhone(profile: SellerProfile, password: string, now = new Date()): Promise<Omit<SelfRegisterResult, 'recovered'>> {
    this.creation.checkAddress(profile);
    const access = SellerAccess.province(profile.address.provinceCode, 'self-registration');
    const conflict = await this.creation.findConflict(profile);
    const created = conflict ?? (await this.creation.create(access, profile, password, now, { onboardingSource: 'self', managedByAgentId: null, registeredByAgentId: null }));
    if ('reason' in created) {
      await this.creation.fileCase(profile, created, 'self', null);
      throw created.reason === 'citizen_id_registered' ? duplicateCitizenId() : duplicatePhone();
    }
    const seller = await this.sellers.get(access, created.sellerId);
    if (!seller) throw AppError.notFound('người bán', 'Seller');
    const tokens = await this.sessions.startForUser(created.userId, now);
    return { seller: sellerDetailOf(seller, profile.citizenId, true), tokens };
  }

  /**
   * An agent registers a household of its own province; the account has no password until it is handed over. The
   * answer is the same receipt whether the household was created or its citizen ID or phone was already registered
   * (then a case goes to the province's staff). Invalid input is still refused field by field.
   */
  async registerByAgent(actor: Actor, body: AgentRegisterBody, now = new Date()): Promise<AgentRegistrationReceipt> {
    const { consent, ...profile } = body;
    if (!consent) throw AppError.invalidField('consent.given', 'Cần có sự đồng ý của hộ', 'the household’s consent is required');
    if (profile.address.provinceCode !== actor.provinceCode) {
      throw AppError.forbidden('Chỉ được đăng ký người bán trong tỉnh của bạn', 'You can only register sellers in your own province');
    }
    const recordedAt = new Date(consent.recordedAt);
    if (recordedAt.getTime() > now.getTime() + CONSENT_FUTURE_SKEW_MS) {
      throw AppError.invalidField('consent.recordedAt', 'Thời điểm đồng ý ở tương lai', 'consent time is in the future');
    }
    this.creation.checkAddress(profile);
    const conflict =
      (await this.creation.findConflict(profile)) ??
      (await this.creation.create(SellerAccess.forActor(actor), profile, undefined, now, {
        onboardingSource: 'agent',
        consent: { given: true, method: consent.method, recordedAt, recordedByUserId: actor.userId },
        managedByAgentId: actor.userId,
        registeredByAgentId: actor.userId,
      }));
    if ('reason' in conflict) await this.creation.fileCase(profile, conflict, 'agent', actor.userId);
    return { received: true };
  }
}

function duplicateCitizenId(): AppError {
  return new AppError(409, 'DUPLICATE', 'Số CCCD này đã được đăng ký cho loại người bán này', 'This citizen ID is already registered', [
    { path: 'citizenId', message: 'Giá trị đã được dùng / already taken' },
  ]);
}

function duplicatePhone(): AppError {
  return new AppError(409, 'DUPLICATE', 'Số điện thoại này đã có tài khoản', 'This phone number already has an account', [
    { path: 'phone', message: 'Giá trị đã được dùng / already taken' },
  ]);
}

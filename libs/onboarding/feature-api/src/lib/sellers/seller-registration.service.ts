import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { getProvince, isCommuneInProvince } from '@nss/admin-units';
import { SessionService, UsersService } from '@nss/accounts-api';
import type { AgentRegisterBody, SelfRegisterBody, SelfRegisterResult, SellerDetail } from '@nss/contracts';
import { AppError, type Actor } from '@nss/server-core';
import { foldVietnamese } from '@nss/util-vn';
import { TrainingAttendancesRepository } from '../training/training-attendances.repository';
import { SellerAccess } from './seller-access';
import { sellerDetailOf } from './seller.mapper';
import type { Seller } from './seller.schema';
import { SellersRepository } from './sellers.repository';

type Profile = Omit<SelfRegisterBody, 'password'>;

/** Clock skew we tolerate on a consent time recorded on the agent's phone. */
const CONSENT_FUTURE_SKEW_MS = 5 * 60_000;

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Registration of sellers, by the household itself or by an agent with the household's consent. The seller and its
 * user are two documents (no transactions): the seller is written first, its user second, and the seller is removed
 * again if the user cannot be created.
 */
@Injectable()
export class SellerRegistrationService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly training: TrainingAttendancesRepository,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
  ) {}

  async selfRegister(body: SelfRegisterBody, now = new Date()): Promise<SelfRegisterResult> {
    const { password, ...profile } = body;
    await this.checkProfile(profile);
    const sellerId = new Types.ObjectId();
    const access = SellerAccess.province(profile.address.provinceCode, 'self-registration');
    const userId = await this.createWithUser(access, sellerId, profile, password, now, {
      onboardingSource: 'self',
      managedByAgentId: null,
      registeredByAgentId: null,
    });
    const seller = await this.sellers.get(access, sellerId.toHexString());
    if (!seller) throw AppError.notFound('người bán', 'Seller');
    const tokens = await this.sessions.startForUser(userId, now);
    return { seller: sellerDetailOf(seller, true), tokens };
  }

  /** An agent registers a household of its own province; the account has no password until it is handed over. */
  async registerByAgent(actor: Actor, body: AgentRegisterBody, now = new Date()): Promise<SellerDetail> {
    const { consent, ...profile } = body;
    if (!consent) throw AppError.invalidField('consent.given', 'Cần có sự đồng ý của hộ', 'the household’s consent is required');
    if (profile.address.provinceCode !== actor.provinceCode) {
      throw AppError.forbidden('Chỉ được đăng ký người bán trong tỉnh của bạn', 'You can only register sellers in your own province');
    }
    const recordedAt = new Date(consent.recordedAt);
    if (recordedAt.getTime() > now.getTime() + CONSENT_FUTURE_SKEW_MS) {
      throw AppError.invalidField('consent.recordedAt', 'Thời điểm đồng ý ở tương lai', 'consent time is in the future');
    }
    await this.checkProfile(profile);
    const sellerId = new Types.ObjectId();
    const access = SellerAccess.forActor(actor);
    await this.createWithUser(access, sellerId, profile, undefined, now, {
      onboardingSource: 'agent',
      consent: { given: true, method: consent.method, recordedAt, recordedByUserId: actor.userId },
      managedByAgentId: actor.userId,
      registeredByAgentId: actor.userId,
    });
    const seller = await this.sellers.get(access, sellerId.toHexString());
    if (!seller) throw AppError.notFound('người bán', 'Seller');
    return sellerDetailOf(seller, false);
  }

  private async checkProfile(profile: Profile): Promise<void> {
    const { provinceCode, communeCode } = profile.address;
    if (!getProvince(provinceCode)) {
      throw AppError.invalidField('address.provinceCode', 'Không có tỉnh/thành phố này (mã 2025)', 'no such province (2025 code)');
    }
    if (!isCommuneInProvince(communeCode, provinceCode)) {
      throw AppError.invalidField('address.communeCode', 'Xã/phường không thuộc tỉnh đã chọn', 'the commune is not in this province');
    }
    if (await this.sellers.existsByCitizenId(profile.citizenId, profile.type)) throw duplicateCitizenId();
    if (await this.users.findByPhone(profile.phone)) throw duplicatePhone();
  }

  private async createWithUser(
    access: SellerAccess,
    sellerId: Types.ObjectId,
    profile: Profile,
    password: string | undefined,
    now: Date,
    source: Pick<Seller, 'onboardingSource' | 'managedByAgentId' | 'registeredByAgentId'> & Partial<Pick<Seller, 'consent'>>,
  ): Promise<string> {
    const { provinceCode, communeCode, text } = profile.address;
    const trainedAt = await this.training.earliestAttendanceByPhone(provinceCode, profile.phone);
    try {
      await this.sellers.insert(access, {
        _id: sellerId,
        type: profile.type,
        representativeName: profile.representativeName,
        displayName: profile.displayName,
        searchText: foldVietnamese(`${profile.displayName} ${profile.representativeName}`),
        citizenId: profile.citizenId,
        phone: profile.phone,
        addressText: text,
        provinceCode,
        communeCode,
        adminEra: '2025',
        ...source,
        status: 'pending_verification',
        statusHistory: [],
        funnel: { accountAt: now, ...(trainedAt ? { trainedAt } : {}) },
        userId: null,
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw duplicateCitizenId();
      throw error;
    }
    let userId: string;
    try {
      const user = await this.users.createUser({
        phone: profile.phone,
        ...(password !== undefined ? { password } : {}),
        fullName: profile.representativeName,
        role: 'seller',
        provinceCode,
        sellerId: sellerId.toHexString(),
      });
      userId = user.id;
    } catch (error) {
      await this.sellers.remove(access, sellerId);
      throw error;
    }
    const actorRole = source.onboardingSource === 'agent' ? 'agent' : 'seller';
    const actorUserId = source.managedByAgentId ?? userId;
    await this.sellers.updateGuarded(access, sellerId.toHexString(), {}, {
      $set: { userId },
      $push: { statusHistory: { status: 'pending_verification', actorUserId, actorRole, at: now } },
    });
    if (trainedAt) await this.training.linkAttendancesToSeller(provinceCode, profile.phone, sellerId.toHexString());
    return userId;
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

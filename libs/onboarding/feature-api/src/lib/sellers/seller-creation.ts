import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { getProvince, isCommuneInProvince } from '@nss/admin-units';
import { UsersService } from '@nss/accounts-api';
import type { RegistrationCaseReason, SelfRegisterBody } from '@nss/contracts';
import { AppError, DataScope, isDuplicateKeyError } from '@nss/server-core';
import { foldVietnamese } from '@nss/util-vn';
import { RegistrationCasesService, type SubmittedRegistration } from '../registration-cases/registration-cases.service';
import { TrainingAttendancesRepository } from '../training/training-attendances.repository';
import { CitizenIdCipher } from './citizen-id-cipher';
import { CitizenIdHasher } from './citizen-id-hasher';
import { SellerAccess } from './seller-access';
import type { Seller } from './seller.schema';
import { SellerEventsRepository } from './seller-events.repository';
import { SellersRepository } from './sellers.repository';

export type SellerProfile = Omit<SelfRegisterBody, 'password' | 'code'>;

/** A registration that cannot be carried out: the citizen ID (same type) or the phone is already registered. */
export interface RegistrationConflict {
  reason: RegistrationCaseReason;
  /** The seller already registered, when it lies in the province of the submission. */
  existingSellerId: string | null;
}

export type SellerSource = Pick<Seller, 'onboardingSource' | 'managedByAgentId' | 'registeredByAgentId'> & Partial<Pick<Seller, 'consent'>>;

function isDuplicatePhone(error: unknown): boolean {
  return error instanceof AppError && error.getStatus() === 409;
}

/**
 * What both kinds of registration share: address checks, duplicate detection (keyed hash of the citizen ID, phone),
 * filing a case for staff, and writing the seller (citizen ID sealed) and its user. The seller and its user are two documents (no
 * transactions): the seller is written first, its user second, and the seller is removed again if the user cannot
 * be created. The unique index on (citizenIdHash, type) is the last word when two registrations race.
 */
@Injectable()
export class SellerCreation {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly training: TrainingAttendancesRepository,
    private readonly users: UsersService,
    private readonly hasher: CitizenIdHasher,
    private readonly cipher: CitizenIdCipher,
    private readonly cases: RegistrationCasesService,
    private readonly events: SellerEventsRepository,
  ) {}

  /** 400 on the address fields; says nothing about who is registered. */
  checkAddress(profile: SellerProfile): void {
    const { provinceCode, communeCode } = profile.address;
    if (!getProvince(provinceCode)) {
      throw AppError.invalidField('address.provinceCode', 'Không có tỉnh/thành phố này (mã 2025)', 'no such province (2025 code)');
    }
    if (!isCommuneInProvince(communeCode, provinceCode)) {
      throw AppError.invalidField('address.communeCode', 'Xã/phường không thuộc tỉnh đã chọn', 'the commune is not in this province');
    }
  }

  async findConflict(profile: SellerProfile): Promise<RegistrationConflict | null> {
    const province = profile.address.provinceCode;
    const existing = await this.sellers.findByCitizenIdHash(this.hasher.hash(profile.citizenId), profile.type);
    if (existing) return { reason: 'citizen_id_registered', existingSellerId: existing.provinceCode === province ? (existing.id as string) : null };
    const user = await this.users.findByPhone(profile.phone);
    if (!user) return null;
    const seller = user.sellerId ? await this.sellers.get(SellerAccess.province(province, 'duplicate phone of a registration'), user.sellerId) : null;
    return { reason: 'phone_registered', existingSellerId: seller ? (seller.id as string) : null };
  }

  /** Records the conflict for the staff of the submitted address's province. */
  fileCase(profile: SellerProfile, conflict: RegistrationConflict, source: 'self' | 'agent', submittedByUserId: string | null): Promise<void> {
    const submitted: SubmittedRegistration = { ...profile, citizenIdHash: this.hasher.hash(profile.citizenId) };
    return this.cases.file({ reason: conflict.reason, source, submittedByUserId, submitted, existingSellerId: conflict.existingSellerId });
  }

  /**
   * Writes the seller and its user; the conflict instead when a racing registration took the citizen ID or phone
   * first (nothing of this one is left behind then).
   */
  async create(
    access: SellerAccess,
    profile: SellerProfile,
    password: string | undefined,
    now: Date,
    source: SellerSource,
  ): Promise<{ sellerId: string; userId: string } | RegistrationConflict> {
    const sellerId = new Types.ObjectId();
    const { provinceCode, communeCode, text } = profile.address;
    const trainedAt = await this.training.earliestAttendanceByPhone(provinceCode, profile.phone);
    try {
      await this.sellers.insert(access, {
        _id: sellerId,
        type: profile.type,
        representativeName: profile.representativeName,
        displayName: profile.displayName,
        searchText: foldVietnamese(`${profile.displayName} ${profile.representativeName}`),
        citizenIdSealed: this.cipher.seal(profile.citizenId),
        citizenIdHash: this.hasher.hash(profile.citizenId),
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
      if (isDuplicateKeyError(error)) return (await this.findConflict(profile)) ?? { reason: 'citizen_id_registered', existingSellerId: null };
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
      if (isDuplicatePhone(error)) return { reason: 'phone_registered', existingSellerId: null };
      throw error;
    }
    const actorRole = source.onboardingSource === 'agent' ? 'agent' : 'seller';
    const actorUserId = source.managedByAgentId ?? userId;
    await this.sellers.updateGuarded(access, sellerId.toHexString(), {}, {
      $set: { userId },
      $push: { statusHistory: { status: 'pending_verification', actorUserId, actorRole, at: now } },
    });
    // The account milestone, once the seller and its user both exist (its key makes a repeat harmless).
    await this.events.claim(DataScope.province(provinceCode, 'seller account milestone'), {
      key: `milestone:${sellerId.toHexString()}:accountAt`,
      sellerId: sellerId.toHexString(),
      provinceCode,
      communeCode,
      kind: 'accountAt',
      actorUserId,
      at: now,
      data: { channel: source.onboardingSource, agentUserId: source.registeredByAgentId ?? null, name: profile.displayName, phone: profile.phone },
    });
    if (trainedAt) await this.training.linkAttendancesToSeller(provinceCode, profile.phone, sellerId.toHexString());
    return { sellerId: sellerId.toHexString(), userId };
  }
}

import { Injectable } from '@nestjs/common';
import { passwordSchema, provinceCodeSchema, type Role } from '@nss/contracts';
import { AppError, isDuplicateKeyError } from '@nss/server-core';
import { normalizeVnMobile } from '@nss/util-vn';
import { Types } from 'mongoose';
import { LoginThrottleService } from '../login/login-throttle.service';
import { SessionService } from '../sessions/session.service';
import { AccountUser, accountUserOf } from './account-user';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

export interface CreateUserInput {
  phone: string;
  /** Omitted for an account an agent creates for a household: it cannot sign in until handed over. */
  password?: string;
  fullName: string;
  role: Role;
  /** Required for agents and province staff, allowed for sellers (their seller's province), refused otherwise. */
  provinceCode?: string;
  sellerId?: string;
}

const PROVINCE_ROLES: ReadonlySet<Role> = new Set(['agent', 'province_staff', 'seller']);

/** Accounts for other features (onboarding creates seller users, hands them over) and for sign-in. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Creates a user; 409 DUPLICATE when the phone already has an account (enforced by the unique index). */
  async createUser(input: CreateUserInput): Promise<AccountUser> {
    const phone = normalizeVnMobile(input.phone);
    if (!phone) throw AppError.invalidField('phone', 'Số điện thoại di động Việt Nam không hợp lệ', 'not a Vietnamese mobile number');
    const fullName = input.fullName.trim();
    if (!fullName) throw AppError.invalidField('fullName', 'Vui lòng nhập họ tên', 'full name is required');
    const provinceCode = this.checkProvince(input.role, input.provinceCode);
    if (input.sellerId !== undefined) this.checkSellerId(input.role, input.sellerId);
    const passwordHash = input.password === undefined ? null : await this.hashValid(input.password);
    try {
      const user = await this.users.create({
        phone,
        fullName,
        passwordHash,
        role: input.role,
        provinceCode,
        provinceEra: provinceCode ? '2025' : null,
        sellerId: input.sellerId ?? null,
      });
      return accountUserOf(user);
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new AppError(409, 'DUPLICATE', 'Số điện thoại này đã có tài khoản', 'This phone number already has an account', [
          { path: 'phone', message: 'Giá trị đã được dùng / already taken' },
        ]);
      }
      throw error;
    }
  }

  async findByPhone(phone: string): Promise<AccountUser | null> {
    const national = normalizeVnMobile(phone);
    if (!national) return null;
    const user = await this.users.findByPhone(national);
    return user ? accountUserOf(user) : null;
  }

  async findById(userId: string): Promise<AccountUser | null> {
    const user = await this.users.findById(userId);
    return user ? accountUserOf(user) : null;
  }

  /** Full names by user id (unknown ids left out): the funnel names its agents. */
  fullNames(userIds: readonly string[]): Promise<Map<string, string>> {
    return this.users.fullNames(userIds);
  }

  /** Active province staff accounts (of one province, or of every province): reporting tells them of the monthly report. */
  async activeProvinceStaff(provinceCode?: string): Promise<AccountUser[]> {
    return (await this.users.activeProvinceStaff(provinceCode)).map(accountUserOf);
  }

  /** Links a seller user to its seller profile; the next access token (sign-in or refresh) carries it. */
  async attachSeller(userId: string, sellerId: string): Promise<AccountUser> {
    const current = await this.getExisting(userId);
    this.checkSellerId(current.role, sellerId);
    const user = await this.users.update(userId, { sellerId });
    if (!user) throw AppError.notFound('tài khoản', 'Account');
    return accountUserOf(user);
  }

  /**
   * Sets (or replaces) the password and forgets strangers' failed sign-ins on the phone (the owner has just proved
   * who they are). Does not end existing sessions: call revokeAllSessions for that.
   */
  async setPassword(userId: string, password: string): Promise<void> {
    const passwordHash = await this.hashValid(password);
    const user = await this.users.update(userId, { passwordHash });
    if (!user) throw AppError.notFound('tài khoản', 'Account');
    await this.throttle.forgetPhone(user.phone);
  }

  /** Signs the user out of every device: access tokens stop working at once, refresh tokens are revoked. */
  revokeAllSessions(userId: string): Promise<void> {
    return this.sessions.revokeAll(userId);
  }

  private async getExisting(userId: string): Promise<AccountUser> {
    const user = await this.findById(userId);
    if (!user) throw AppError.notFound('tài khoản', 'Account');
    return user;
  }

  private async hashValid(password: string): Promise<string> {
    const parsed = passwordSchema.safeParse(password);
    if (!parsed.success) {
      throw AppError.invalidField('password', 'Mật khẩu phải có ít nhất 8 ký tự', 'password must be at least 8 characters');
    }
    return this.hasher.hash(password);
  }

  private checkProvince(role: Role, provinceCode: string | undefined): string | null {
    if (provinceCode === undefined) {
      if (role === 'agent' || role === 'province_staff') {
        throw AppError.invalidField('provinceCode', 'Cần mã tỉnh cho vai trò này', 'required for this role');
      }
      return null;
    }
    if (!PROVINCE_ROLES.has(role)) {
      throw AppError.invalidField('provinceCode', 'Vai trò này không gắn với tỉnh', 'this role has no province');
    }
    if (!provinceCodeSchema.safeParse(provinceCode).success) {
      throw AppError.invalidField('provinceCode', 'Mã tỉnh gồm 2 chữ số', '2-digit province code');
    }
    return provinceCode;
  }

  private checkSellerId(role: Role, sellerId: string): void {
    if (role !== 'seller') throw AppError.invalidField('sellerId', 'Chỉ tài khoản người bán có mã người bán', 'only seller users have a seller');
    if (!Types.ObjectId.isValid(sellerId) || !/^[0-9a-f]{24}$/i.test(sellerId)) {
      throw AppError.invalidField('sellerId', 'Mã không hợp lệ', 'invalid id');
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { User, UserDocument } from './user.schema';

/**
 * Queries of the users collection. Users are not province- or seller-owned data (a user is found by its own id or
 * phone after authentication), so this is not a ScopedRepository; callers that list users by province must pass
 * the province explicitly.
 */
@Injectable()
export class UsersRepository {
  constructor(@InjectModel(User.name) private readonly model: Model<User>) {}

  create(doc: Omit<User, 'createdAt' | 'updatedAt' | 'status' | 'tokenVersion' | 'totpSecret' | 'totpPendingSecret'>): Promise<UserDocument> {
    return this.model.create(doc);
  }

  findByPhone(phone: string): Promise<UserDocument | null> {
    return this.model.findOne({ phone }).exec();
  }

  findById(id: string): Promise<UserDocument | null> {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.model.findById(id).exec();
  }

  /** Full names of users by id (ids that are not ObjectIds or not found are left out): reports name agents. */
  async fullNames(ids: readonly string[]): Promise<Map<string, string>> {
    const valid = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
    if (valid.length === 0) return new Map();
    const docs = await this.model.find({ _id: { $in: valid.map((id) => new Types.ObjectId(id)) } }, { fullName: 1 }).lean<{ _id: Types.ObjectId; fullName: string }[]>().exec();
    return new Map(docs.map((doc) => [String(doc._id), doc.fullName]));
  }

  /** Active province staff (of one province, or of all): the monthly report's recipients. Uses `{ provinceCode, role }`. */
  activeProvinceStaff(provinceCode?: string): Promise<UserDocument[]> {
    return this.model
      .find({ role: 'province_staff', status: 'active', ...(provinceCode ? { provinceCode } : { provinceCode: { $ne: null } }) })
      .sort({ _id: 1 })
      .exec();
  }

  /** Sets fields of one user; null when the id matches nothing. */
  update(
    id: string,
    set: Partial<Pick<User, 'passwordHash' | 'sellerId' | 'status' | 'provinceCode' | 'provinceEra' | 'totpSecret' | 'totpPendingSecret'>>,
  ) {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.model.findByIdAndUpdate(id, { $set: set }, { new: true, runValidators: true }).exec();
  }

  /**
   * Raises the token version and returns the new one (null for an unknown id). On FerretDB two concurrent bumps may
   * both read the same value (the update is not atomic there), which still leaves the version above every token
   * issued before either bump: what revocation needs.
   */
  async bumpTokenVersion(id: string): Promise<number | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const user = await this.model.findByIdAndUpdate(id, { $inc: { tokenVersion: 1 } }, { new: true }).exec();
    return user ? user.tokenVersion : null;
  }

  /** The current token version (0 for an unknown id: it has no tokens to revoke). */
  async tokenVersionOf(id: string): Promise<number> {
    if (!Types.ObjectId.isValid(id)) return 0;
    const user = await this.model.findById(id, { tokenVersion: 1 }).lean().exec();
    return user?.tokenVersion ?? 0;
  }
}

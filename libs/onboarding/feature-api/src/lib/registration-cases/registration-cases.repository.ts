import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { DataScope, DocumentLocks, ScopedRepository } from '@nss/server-core';
import { CaseResolution, RegistrationCase, RegistrationCaseDocument } from './registration-case.schema';

/** Registration cases, always within a province scope (field `provinceCode`); admins see all. */
@Injectable()
export class RegistrationCasesRepository extends ScopedRepository<RegistrationCase> {
  constructor(
    @InjectModel(RegistrationCase.name) model: Model<RegistrationCase>,
    private readonly locks: DocumentLocks,
  ) {
    super(model, { province: 'provinceCode' });
  }

  insert(scope: DataScope, doc: Omit<RegistrationCase, 'createdAt' | 'updatedAt' | 'status' | 'resolution'>): Promise<RegistrationCaseDocument> {
    return this.create(scope, { ...doc, status: 'open' });
  }

  async page(scope: DataScope, status: string | undefined, page: number, pageSize: number) {
    const filter: FilterQuery<RegistrationCase> = status ? { status } : {};
    const [items, total] = await Promise.all([
      this.find(scope, filter, undefined, { sort: { createdAt: -1, _id: -1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(scope, filter),
    ]);
    return { items, total };
  }

  /** Resolves an open case once, under its write lock (guarded updates are not atomic on FerretDB). Null if not open. */
  resolve(scope: DataScope, id: string, resolution: CaseResolution): Promise<RegistrationCaseDocument | null> {
    const _id = new Types.ObjectId(id);
    return this.locks.run('registration-case', id, () =>
      this.findOneAndUpdate(scope, { _id, status: 'open' }, { $set: { status: 'resolved', resolution } }),
    );
  }
}

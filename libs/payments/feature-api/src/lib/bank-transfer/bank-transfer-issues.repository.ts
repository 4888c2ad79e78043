import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { DataScope, ScopedRepository, isDuplicateKeyError } from '@nss/server-core';
import { BankTransferIssueDoc, type BankTransferIssueDocument } from './bank-transfer-issue.schema';

export type NewBankTransferIssue = Pick<
  BankTransferIssueDoc,
  'kind' | 'feedId' | 'checkoutId' | 'checkoutCode' | 'expectedVnd' | 'receivedVnd' | 'content' | 'bankReferenceCode' | 'provinceCodes'
>;

/** bank_transfer_issues: staff see those of their sellers' provinces; issues with no checkout are for admins. */
@Injectable()
export class BankTransferIssuesRepository extends ScopedRepository<BankTransferIssueDoc> {
  constructor(@InjectModel(BankTransferIssueDoc.name) model: Model<BankTransferIssueDoc>) {
    super(model, { province: 'provinceCodes' });
  }

  /** Files the issue once per feed transaction. */
  async fileOnce(scope: DataScope, doc: NewBankTransferIssue): Promise<BankTransferIssueDocument> {
    try {
      return await this.create(scope, { ...doc, status: 'open' } as NewBankTransferIssue & Record<string, unknown>);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.findOne(scope, { feedId: doc.feedId });
      if (!existing) throw error;
      return existing;
    }
  }

  async page(scope: DataScope, status: 'open' | 'resolved', page: number, pageSize: number): Promise<{ items: BankTransferIssueDocument[]; total: number }> {
    const [items, total] = await Promise.all([
      this.find(scope, { status }, undefined, { sort: { createdAt: 1, _id: 1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      this.count(scope, { status }),
    ]);
    return { items, total };
  }

  resolve(
    scope: DataScope,
    id: string,
    set: Pick<BankTransferIssueDoc, 'decision' | 'note' | 'bankReference' | 'resolvedByUserId' | 'resolvedAt'>,
  ): Promise<BankTransferIssueDocument | null> {
    return this.findOneAndUpdate(scope, { _id: new Types.ObjectId(id), status: 'open' }, { $set: { ...set, status: 'resolved' } });
  }
}

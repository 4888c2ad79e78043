import { Injectable } from '@nestjs/common';
import type {
  Page,
  RegistrationCaseDetail,
  RegistrationCaseListQuery,
  RegistrationCaseReason,
  RegistrationCaseSummary,
  SellerType,
} from '@nss/contracts';
import { AppError, DataScope, type Actor } from '@nss/server-core';
import { maskPhone } from '@nss/util-vn';
import { CitizenIdCipher } from '../sellers/citizen-id-cipher';
import { communeNameOf, maskCitizenId } from '../sellers/seller.mapper';
import type { RegistrationCaseDocument } from './registration-case.schema';
import { RegistrationCasesRepository } from './registration-cases.repository';

/** What a registration submitted, as a case records it. */
export interface SubmittedRegistration {
  type: SellerType;
  representativeName: string;
  displayName: string;
  phone: string;
  citizenId: string;
  citizenIdHash: string;
  address: { provinceCode: string; communeCode: string; text: string };
}

function summaryOf(doc: RegistrationCaseDocument, citizenId: string): RegistrationCaseSummary {
  return {
    id: doc.id as string,
    provinceCode: doc.provinceCode,
    communeCode: doc.communeCode,
    communeName: communeNameOf(doc.communeCode),
    reason: doc.reason,
    source: doc.source,
    type: doc.type,
    displayName: doc.displayName,
    representativeName: doc.representativeName,
    phoneMasked: maskPhone(doc.phone),
    citizenIdMasked: maskCitizenId(citizenId),
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
  };
}

function detailOf(doc: RegistrationCaseDocument, citizenId: string): RegistrationCaseDetail {
  return {
    ...summaryOf(doc, citizenId),
    phone: doc.phone,
    citizenId,
    addressText: doc.addressText,
    ...(doc.submittedByUserId ? { submittedByUserId: doc.submittedByUserId } : {}),
    ...(doc.existingSellerId ? { existingSellerId: doc.existingSellerId } : {}),
    ...(doc.resolution
      ? { resolution: { reason: doc.resolution.reason, byUserId: doc.resolution.byUserId, at: doc.resolution.at.toISOString() } }
      : {}),
  };
}

/** Filing registration cases (from registration) and the staff queue: list, read, resolve with a reason. */
@Injectable()
export class RegistrationCasesService {
  constructor(
    private readonly cases: RegistrationCasesRepository,
    private readonly cipher: CitizenIdCipher,
  ) {}

  async file(input: {
    reason: RegistrationCaseReason;
    source: 'self' | 'agent';
    submittedByUserId: string | null;
    submitted: SubmittedRegistration;
    existingSellerId: string | null;
  }): Promise<void> {
    const { submitted } = input;
    const scope = DataScope.province(submitted.address.provinceCode, 'registration case of the submitted address');
    await this.cases.insert(scope, {
      provinceCode: submitted.address.provinceCode,
      communeCode: submitted.address.communeCode,
      reason: input.reason,
      source: input.source,
      submittedByUserId: input.submittedByUserId,
      type: submitted.type,
      representativeName: submitted.representativeName,
      displayName: submitted.displayName,
      phone: submitted.phone,
      citizenIdSealed: this.cipher.seal(submitted.citizenId),
      citizenIdHash: submitted.citizenIdHash,
      addressText: submitted.address.text,
      existingSellerId: input.existingSellerId,
    });
  }

  async list(actor: Actor, query: RegistrationCaseListQuery): Promise<Page<RegistrationCaseSummary>> {
    const { items, total } = await this.cases.page(DataScope.forActor(actor), query.status, query.page, query.pageSize);
    return { items: items.map((doc) => summaryOf(doc, this.cipher.open(doc.citizenIdSealed))), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<RegistrationCaseDetail> {
    const doc = await this.cases.getById(DataScope.forActor(actor), id.toLowerCase(), ['hồ sơ cần xem xét', 'Registration case']);
    return detailOf(doc, this.cipher.open(doc.citizenIdSealed));
  }

  async resolve(actor: Actor, id: string, reason: string, now = new Date()): Promise<RegistrationCaseDetail> {
    const scope = DataScope.forActor(actor);
    const caseId = id.toLowerCase();
    await this.cases.getById(scope, caseId, ['hồ sơ cần xem xét', 'Registration case']);
    const resolved = await this.cases.resolve(scope, caseId, { reason, byUserId: actor.userId, at: now });
    if (!resolved) throw AppError.conflict('ALREADY_RESOLVED', 'Hồ sơ này đã được xử lý', 'This case was already resolved');
    return detailOf(resolved, this.cipher.open(resolved.citizenIdSealed));
  }
}

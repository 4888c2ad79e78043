import { Injectable } from '@nestjs/common';
import { getCommune } from '@nss/admin-units';
import type { CreateTrainingSessionBody, Page, TrainingSessionDto, TrainingSessionListQuery } from '@nss/contracts';
import { AppError, DataScope, type Actor } from '@nss/server-core';
import { maskPhone, vnDayKey, vnDayStart } from '@nss/util-vn';
import { SellerAccess } from '../sellers/seller-access';
import { SellersRepository } from '../sellers/sellers.repository';
import { TrainingAttendancesRepository } from './training-attendances.repository';
import { TrainingEventsRepository } from './training-events.repository';
import { TrainingSessionsRepository } from './training-sessions.repository';
import type { TrainingAttendee, TrainingSessionDocument } from './training.schema';

/**
 * Training sessions and attendance. Attendees need no account: a name, optionally a phone or a seller id.
 * Attendees that are sellers of the province (by id, or by phone) get `funnel.trainedAt` (the earliest session day).
 */
@Injectable()
export class TrainingService {
  constructor(
    private readonly sessions: TrainingSessionsRepository,
    private readonly attendances: TrainingAttendancesRepository,
    private readonly sellers: SellersRepository,
    private readonly events: TrainingEventsRepository,
  ) {}

  async create(actor: Actor, body: CreateTrainingSessionBody, now = new Date()): Promise<TrainingSessionDto> {
    const provinceCode = actor.provinceCode;
    if (!provinceCode) throw AppError.forbidden();
    if (getCommune(body.communeCode)?.provinceCode !== provinceCode) {
      throw AppError.invalidField('communeCode', 'Xã/phường không thuộc tỉnh của bạn', 'the commune is not in your province');
    }
    if (body.date > vnDayKey(now)) throw AppError.invalidField('date', 'Ngày tập huấn ở tương lai', 'the date is in the future');

    const attendees = dedupe(body.attendees);
    const access = SellerAccess.province(provinceCode, 'training attendance');
    const phones = attendees.flatMap((a) => (a.phone ? [a.phone] : []));
    const ids = attendees.flatMap((a) => (a.sellerId ? [a.sellerId] : []));
    const found = await this.sellers.findForAttendance(access, phones, ids);
    const byId = new Map(found.map((s) => [s.id as string, s]));
    const byPhone = new Map(found.map((s) => [s.phone, s]));
    const resolved: TrainingAttendee[] = attendees.map((a, index) => {
      if (a.sellerId && !byId.has(a.sellerId)) {
        throw AppError.invalidField(`attendees.${index}.sellerId`, 'Không có người bán này trong tỉnh', 'no such seller in your province');
      }
      const sellerId = a.sellerId ?? (a.phone ? (byPhone.get(a.phone)?.id as string | undefined) : undefined);
      return { name: a.name, ...(a.phone ? { phone: a.phone } : {}), ...(sellerId ? { sellerId } : {}) };
    });
    const sellerIds = [...new Set(resolved.flatMap((a) => (a.sellerId ? [a.sellerId] : [])))];

    const scope = DataScope.forActor(actor);
    const session = await this.sessions.create(scope, {
      provinceCode,
      communeCode: body.communeCode,
      adminEra: '2025',
      date: body.date,
      agentUserId: actor.userId,
      topics: body.topics,
      attendees: resolved,
      attendeeCount: resolved.length,
      matchedSellerCount: sellerIds.length,
    });
    const attended = await this.attendances.insertAll(
      scope,
      resolved.map((a) => ({
        sessionId: session.id as string,
        provinceCode,
        communeCode: body.communeCode,
        date: body.date,
        phone: a.phone ?? null,
        sellerId: a.sellerId ?? null,
      })),
    );
    // Reporting's events, written with the attendances (one per household and session).
    const names = resolved.map((a) => a.name);
    await this.events.insertAll(
      scope,
      attended.map((a, i) => ({
        key: `training.attended:${a._id.toHexString()}`,
        type: 'training.attended' as const,
        sessionId: a.sessionId,
        provinceCode,
        communeCode: body.communeCode,
        adminEra: '2025' as const,
        dayVn: body.date,
        at: now,
        agentUserId: actor.userId,
        householdKey: a.householdKey,
        sellerId: a.sellerId,
        name: names[i] ?? '',
        phone: a.phone,
      })),
    );
    await this.sellers.markMilestone(access, sellerIds, 'trainedAt', vnDayStart(body.date), true);
    return trainingSessionOf(session);
  }

  async list(actor: Actor, query: TrainingSessionListQuery): Promise<Page<TrainingSessionDto>> {
    const { items, total } = await this.sessions.page(DataScope.forActor(actor), query.communeCode, query.page, query.pageSize);
    return { items: items.map(trainingSessionOf), total, page: query.page, pageSize: query.pageSize };
  }
}

/** The same household listed twice (same seller or phone) attends once. */
function dedupe(attendees: CreateTrainingSessionBody['attendees']): CreateTrainingSessionBody['attendees'] {
  const seen = new Set<string>();
  return attendees.filter((a) => {
    const keys = [a.sellerId && `s:${a.sellerId}`, a.phone && `p:${a.phone}`].filter((k): k is string => !!k);
    if (keys.some((k) => seen.has(k))) return false;
    keys.forEach((k) => seen.add(k));
    return true;
  });
}

function trainingSessionOf(session: TrainingSessionDocument): TrainingSessionDto {
  return {
    id: session.id as string,
    date: session.date,
    provinceCode: session.provinceCode,
    communeCode: session.communeCode,
    communeName: getCommune(session.communeCode)?.name ?? session.communeCode,
    agentUserId: session.agentUserId,
    topics: session.topics,
    attendees: session.attendees.map((a) => ({
      name: a.name,
      ...(a.phone ? { phoneMasked: maskPhone(a.phone) } : {}),
      ...(a.sellerId ? { sellerId: a.sellerId } : {}),
    })),
    attendeeCount: session.attendeeCount,
    matchedSellerCount: session.matchedSellerCount,
    createdAt: session.createdAt.toISOString(),
  };
}

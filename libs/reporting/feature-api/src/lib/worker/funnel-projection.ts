import { Injectable } from '@nestjs/common';
import * as adminUnits from '@nss/admin-units';
import { reportPlaceOf, vnDayStartUtc, type FunnelStep } from '@nss/report-figures';
import type { ReportHousehold } from '../store/report-household.schema';
import { ReportHouseholdsRepository } from '../store/report-households.repository';
import type { ReportSource, SourceEvent } from '../sources/source-events';

const MILESTONE_STEPS: Record<string, FunnelStep> = { accountAt: 'account', verifiedAt: 'verified', firstListingAt: 'firstListing', firstSaleAt: 'firstSale' };

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The earlier of two ISO instants (either may be absent). */
function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

function mergeSteps(a: ReportHousehold['at'], b: ReportHousehold['at']): ReportHousehold['at'] {
  const at: ReportHousehold['at'] = { ...a };
  for (const [step, when] of Object.entries(b) as Array<[FunnelStep, string]>) at[step] = earliest(at[step], when);
  return at;
}

/**
 * Projects training and seller events onto the funnel's households (`report_households`). Each step keeps its
 * earliest time, so applying an event again changes nothing. A household trained by phone (`p:<phone>`) becomes the
 * seller's household (`s:<sellerId>`) when that phone registers, whichever of the two events is read first. Runs only
 * inside the ingest (one at a time, under its lock), so its read-then-write never races.
 */
@Injectable()
export class FunnelProjection {
  constructor(private readonly households: ReportHouseholdsRepository) {}

  async apply(source: ReportSource, events: SourceEvent[]): Promise<void> {
    if (source !== 'training' && source !== 'sellers') return;
    for (const event of events) {
      if (source === 'training') await this.trained(event);
      else await this.milestone(event);
    }
  }

  private async trained(event: SourceEvent): Promise<void> {
    if (event['type'] !== 'training.attended') return;
    const place = reportPlaceOf({ provinceCode: event.provinceCode, communeCode: event.communeCode ?? '', adminEra: event.adminEra ?? '2025' }, adminUnits);
    if (!place) return;
    const sellerId = str(event['sellerId']);
    const phone = str(event['phone']);
    const byPhone = !sellerId && phone ? await this.households.withAccountByPhone(place.provinceCode, phone) : null;
    const householdKey = sellerId ? `s:${sellerId}` : (byPhone?.householdKey ?? str(event['householdKey']) ?? `e:${event.key}`);
    const day = str(event.dayVn) ?? event.at.toISOString().slice(0, 10);
    await this.upsert(place.provinceCode, householdKey, {
      sellerId: sellerId ?? byPhone?.sellerId ?? null,
      phone,
      name: str(event['name']),
      communeKey: place.communeKey,
      agentUserId: str(event['agentUserId']),
      at: { trained: vnDayStartUtc(day).toISOString() },
    });
  }

  private async milestone(event: SourceEvent): Promise<void> {
    const step = MILESTONE_STEPS[str(event['kind']) ?? ''];
    const sellerId = str(event['sellerId']);
    if (!step || !sellerId) return;
    const place = reportPlaceOf({ provinceCode: event.provinceCode, communeCode: event.communeCode ?? '', adminEra: event.adminEra ?? '2025' }, adminUnits);
    if (!place) return;
    const data = (event['data'] ?? {}) as Record<string, unknown>;
    const phone = str(data['phone']);
    const facts: Partial<ReportHousehold> = { sellerId, at: { [step]: new Date(event.at).toISOString() } };
    if (step === 'account') Object.assign(facts, { phone, name: str(data['name']), communeKey: place.communeKey, agentUserId: str(data['agentUserId']) });
    // The household trained before it had an account: its training moves over to the seller's household.
    if (phone) {
      const trainedByPhone = await this.households.get(`${place.provinceCode}:p:${phone}`);
      if (trainedByPhone) {
        facts.at = mergeSteps(trainedByPhone.at, facts.at ?? {});
        facts.agentUserId ??= trainedByPhone.agentUserId;
        await this.upsert(place.provinceCode, `s:${sellerId}`, facts, step === 'account');
        await this.households.remove(trainedByPhone._id);
        return;
      }
    }
    await this.upsert(place.provinceCode, `s:${sellerId}`, facts, step === 'account');
  }

  /** `account`: the seller's own commune and registering agent win over those of its trainings. */
  private async upsert(provinceCode: string, householdKey: string, facts: Partial<ReportHousehold>, account = false): Promise<void> {
    const id = `${provinceCode}:${householdKey}`;
    const current = await this.households.get(id);
    const pick = <K extends keyof ReportHousehold>(k: K, fallback: ReportHousehold[K]): ReportHousehold[K] => (facts[k] ?? current?.[k] ?? fallback) as ReportHousehold[K];
    await this.households.put({
      _id: id,
      provinceCode,
      householdKey,
      sellerId: pick('sellerId', null),
      phone: pick('phone', null),
      name: pick('name', null),
      communeKey: account ? pick('communeKey', '') : current?.communeKey || facts.communeKey || '',
      agentUserId: account ? pick('agentUserId', null) : (current?.agentUserId ?? facts.agentUserId ?? null),
      at: mergeSteps(current?.at ?? {}, facts.at ?? {}),
    });
  }
}

import { Injectable } from '@nestjs/common';
import * as adminUnits from '@nss/admin-units';
import { reportPlaceOf, vnDayStartUtc, type FunnelStep } from '@nss/report-figures';
import type { ReportHousehold } from '../store/report-household.schema';
import { ReportHouseholdsRepository, type HouseholdWithAccount } from '../store/report-households.repository';
import type { ReportSource, SourceEvent } from '../sources/source-events';

const MILESTONE_STEPS: Record<string, FunnelStep> = { accountAt: 'account', verifiedAt: 'verified', firstListingAt: 'firstListing', firstSaleAt: 'firstSale' };

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The event's 2025 province and commune row (null when it cannot be placed). */
function placeOf(event: SourceEvent) {
  return reportPlaceOf({ provinceCode: event.provinceCode, communeCode: event.communeCode ?? '', adminEra: event.adminEra ?? '2025' }, adminUnits);
}

/** The households a seller event may read: the seller's, and the one trained by its phone. */
function sellerHouseholdIds(event: SourceEvent): string[] {
  const sellerId = str(event['sellerId']);
  const place = sellerId && MILESTONE_STEPS[str(event['kind']) ?? ''] ? placeOf(event) : null;
  if (!place) return [];
  const phone = str(((event['data'] ?? {}) as Record<string, unknown>)['phone']);
  return [`${place.provinceCode}:s:${sellerId}`, ...(phone ? [`${place.provinceCode}:p:${phone}`] : [])];
}

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
 * The households one batch of events touches: read once (the ids the batch names up front, in parallel), changed in
 * memory, written together at the end. A worker killed before the write leaves nothing half-done: the batch is read
 * again (the cursor has not moved) and the projection gives the same result.
 */
class HouseholdBatch {
  private readonly docs = new Map<string, ReportHousehold | null>();
  private readonly changed = new Set<string>();

  constructor(private readonly households: ReportHouseholdsRepository) {}

  async load(ids: string[]): Promise<void> {
    const wanted = ids.filter((id) => !this.docs.has(id));
    const found = await this.households.getMany(wanted);
    for (const id of wanted) this.docs.set(id, found.get(id) ?? null);
  }

  async get(id: string): Promise<ReportHousehold | null> {
    if (!this.docs.has(id)) await this.load([id]);
    return this.docs.get(id) ?? null;
  }

  put(doc: ReportHousehold): void {
    this.docs.set(doc._id, doc);
    this.changed.add(doc._id);
  }

  remove(id: string): void {
    this.docs.set(id, null);
    this.changed.add(id);
  }

  async flush(): Promise<void> {
    const puts: ReportHousehold[] = [];
    const removes: string[] = [];
    for (const id of this.changed) {
      const doc = this.docs.get(id);
      if (doc) puts.push(doc);
      else removes.push(id);
    }
    await this.households.writeMany(puts, removes);
  }
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
    const batch = new HouseholdBatch(this.households);
    if (source === 'sellers') {
      await batch.load(events.flatMap((event) => sellerHouseholdIds(event)));
      for (const event of events) await this.milestone(batch, event);
    } else await this.trainings(batch, events);
    await batch.flush();
  }

  private async trainings(batch: HouseholdBatch, events: SourceEvent[]): Promise<void> {
    // The households with an account that these trainings' phones belong to, in one query; kept up to date below
    // when a training of a seller gives its phone a household with an account.
    const trainings = events.flatMap((event) => (event['type'] === 'training.attended' ? [{ event, place: placeOf(event) }] : []));
    const phones = trainings.flatMap(({ event, place }) => (place && !str(event['sellerId']) && str(event['phone']) ? [{ provinceCode: place.provinceCode, phone: str(event['phone']) as string }] : []));
    const withAccount = await this.households.withAccountByPhones(phones);
    await batch.load(
      trainings.flatMap(({ event, place }) => {
        if (!place) return [];
        const keys = [str(event['sellerId']) && `s:${str(event['sellerId'])}`, withAccount.get(`${place.provinceCode}|${str(event['phone'])}`)?.householdKey, str(event['householdKey'])];
        return keys.flatMap((key) => (key ? [`${place.provinceCode}:${key}`] : []));
      }),
    );
    for (const { event, place } of trainings) if (place) await this.trained(batch, event, place, withAccount);
  }

  private async trained(batch: HouseholdBatch, event: SourceEvent, place: NonNullable<ReturnType<typeof placeOf>>, withAccount: Map<string, HouseholdWithAccount>): Promise<void> {
    const sellerId = str(event['sellerId']);
    const phone = str(event['phone']);
    const byPhone = !sellerId && phone ? (withAccount.get(`${place.provinceCode}|${phone}`) ?? null) : null;
    const householdKey = sellerId ? `s:${sellerId}` : (byPhone?.householdKey ?? str(event['householdKey']) ?? `e:${event.key}`);
    const day = str(event.dayVn) ?? event.at.toISOString().slice(0, 10);
    const householdSeller = sellerId ?? byPhone?.sellerId ?? null;
    if (householdSeller && phone) withAccount.set(`${place.provinceCode}|${phone}`, { householdKey, sellerId: householdSeller });
    await this.upsert(batch, place.provinceCode, householdKey, {
      sellerId: householdSeller,
      phone,
      name: str(event['name']),
      communeKey: place.communeKey,
      agentUserId: str(event['agentUserId']),
      at: { trained: vnDayStartUtc(day).toISOString() },
    });
  }

  private async milestone(batch: HouseholdBatch, event: SourceEvent): Promise<void> {
    const step = MILESTONE_STEPS[str(event['kind']) ?? ''];
    const sellerId = str(event['sellerId']);
    if (!step || !sellerId) return;
    const place = placeOf(event);
    if (!place) return;
    const data = (event['data'] ?? {}) as Record<string, unknown>;
    const phone = str(data['phone']);
    const facts: Partial<ReportHousehold> = { sellerId, at: { [step]: new Date(event.at).toISOString() } };
    if (step === 'account') Object.assign(facts, { phone, name: str(data['name']), communeKey: place.communeKey, agentUserId: str(data['agentUserId']) });
    // The household trained before it had an account: its training moves over to the seller's household.
    if (phone) {
      const trainedByPhone = await batch.get(`${place.provinceCode}:p:${phone}`);
      if (trainedByPhone) {
        facts.at = mergeSteps(trainedByPhone.at, facts.at ?? {});
        facts.agentUserId ??= trainedByPhone.agentUserId;
        await this.upsert(batch, place.provinceCode, `s:${sellerId}`, facts, step === 'account');
        batch.remove(trainedByPhone._id);
        return;
      }
    }
    await this.upsert(batch, place.provinceCode, `s:${sellerId}`, facts, step === 'account');
  }

  /** `account`: the seller's own commune and registering agent win over those of its trainings. */
  private async upsert(batch: HouseholdBatch, provinceCode: string, householdKey: string, facts: Partial<ReportHousehold>, account = false): Promise<void> {
    const id = `${provinceCode}:${householdKey}`;
    const current = await batch.get(id);
    const pick = <K extends keyof ReportHousehold>(k: K, fallback: ReportHousehold[K]): ReportHousehold[K] => (facts[k] ?? current?.[k] ?? fallback) as ReportHousehold[K];
    batch.put({
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

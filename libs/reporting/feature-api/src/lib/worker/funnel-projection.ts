import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import * as adminUnits from '@nss/admin-units';
import { reportPlaceOf, vnDayStartUtc, type FunnelStep } from '@nss/report-figures';
import type { ReportHousehold } from '../store/report-household.schema';
import { ReportHouseholdsRepository, phoneKey } from '../store/report-households.repository';
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

/** What the projection needs of an event, worked out before any read (so a page's reads can be batched). */
interface Planned {
  event: SourceEvent;
  provinceCode: string;
  communeKey: string;
  kind: 'trained' | 'milestone';
}

/**
 * One page's households in memory: loaded by two `_id: { $in }` reads, changed event by event in the page's order,
 * written back at the end (ReportHouseholdsRepository.writeMany). `null` = removed in this page.
 */
class HouseholdPage {
  private readonly changed = new Map<string, ReportHousehold | null>();
  private readonly docs: Map<string, ReportHousehold | null>;

  constructor(
    private readonly stored: Map<string, ReportHousehold>,
    private readonly phones: Map<string, string>,
  ) {
    this.docs = new Map<string, ReportHousehold | null>(stored);
  }

  /** What to write: the households that differ from what was read (an event read again changes nothing), the removals. */
  writes(): { puts: ReportHousehold[]; removals: string[] } {
    const puts: ReportHousehold[] = [];
    const removals: string[] = [];
    for (const [id, doc] of this.changed) {
      const before = this.stored.get(id);
      if (doc && !isDeepStrictEqual(doc, before)) puts.push(doc);
      else if (!doc && before) removals.push(id);
    }
    return { puts, removals };
  }

  get(id: string): ReportHousehold | null {
    return this.docs.get(id) ?? null;
  }

  /** A household of the province with this phone that already has an account (as the phone lookup finds it). */
  withAccountByPhone(provinceCode: string, phone: string): ReportHousehold | null {
    const householdId = this.phones.get(phoneKey(provinceCode, phone));
    const household = householdId ? this.get(householdId) : null;
    return household && household.phone === phone && household.sellerId ? household : null;
  }

  put(doc: ReportHousehold): void {
    this.docs.set(doc._id, doc);
    this.changed.set(doc._id, doc);
    if (doc.sellerId && doc.phone) this.phones.set(phoneKey(doc.provinceCode, doc.phone), doc._id);
  }

  remove(id: string): void {
    this.docs.set(id, null);
    this.changed.set(id, null);
  }
}

/**
 * Projects training and seller events onto the funnel's households (`report_households`). Each step keeps its
 * earliest time, so applying an event again changes nothing. A household trained by phone (`p:<phone>`) becomes the
 * seller's household (`s:<sellerId>`) when that phone registers, whichever of the two events is read first. Runs only
 * inside the ingest (one at a time, under its lock), so its read-then-write never races.
 *
 * A page of events costs a bounded number of round trips whatever its size: the phone lookups and the households the
 * page may touch are read with `_id: { $in }` (served from the `_id` index by MongoDB and by our FerretDB build), the
 * events are applied in memory in their order, and the households that changed are written back in one bulk write
 * (after their phone lookups, before the removals; see ReportHouseholdsRepository.writeMany). Events read again (the
 * ingest's overlap, a replay) change nothing and write nothing. A crash before, during or after the writes leaves a
 * state that applying the page again turns into the same result (every step merges by earliest time; a
 * trained-by-phone household is removed only after the seller's household holding its steps is written).
 */
@Injectable()
export class FunnelProjection {
  constructor(private readonly households: ReportHouseholdsRepository) {}

  async apply(source: ReportSource, events: SourceEvent[]): Promise<void> {
    if (source !== 'training' && source !== 'sellers') return;
    const planned = events.flatMap((event) => this.plan(source, event) ?? []);
    if (!planned.length) return;
    const page = await this.load(planned);
    for (const p of planned) {
      if (p.kind === 'trained') this.trained(page, p);
      else this.milestone(page, p);
    }
    const { puts, removals } = page.writes();
    await this.households.writeMany(puts, removals);
  }

  private plan(source: 'training' | 'sellers', event: SourceEvent): Planned | null {
    if (source === 'training' && event['type'] !== 'training.attended') return null;
    if (source === 'sellers' && (!MILESTONE_STEPS[str(event['kind']) ?? ''] || !str(event['sellerId']))) return null;
    const place = reportPlaceOf({ provinceCode: event.provinceCode, communeCode: event.communeCode ?? '', adminEra: event.adminEra ?? '2025' }, adminUnits);
    if (!place) return null;
    return { event, provinceCode: place.provinceCode, communeKey: place.communeKey, kind: source === 'training' ? 'trained' : 'milestone' };
  }

  /** Every household the page may read, and the phone lookups it may use: two `$in` reads (three with the lookups' targets). */
  private async load(planned: Planned[]): Promise<HouseholdPage> {
    const phonePairs: Array<{ provinceCode: string; phone: string }> = [];
    const ids: string[] = [];
    for (const { event, provinceCode, kind } of planned) {
      const sellerId = str(event['sellerId']);
      if (kind === 'trained') {
        const phone = str(event['phone']);
        if (sellerId) ids.push(`${provinceCode}:s:${sellerId}`);
        else {
          if (phone) phonePairs.push({ provinceCode, phone });
          ids.push(`${provinceCode}:${str(event['householdKey']) ?? `e:${event.key}`}`);
        }
      } else {
        const phone = str(((event['data'] ?? {}) as Record<string, unknown>)['phone']);
        ids.push(`${provinceCode}:s:${sellerId}`);
        if (phone) ids.push(`${provinceCode}:p:${phone}`);
      }
    }
    const phones = phonePairs.length ? await this.households.phoneEntries(phonePairs) : new Map<string, string>();
    const found = await this.households.getMany([...ids, ...phones.values()]);
    return new HouseholdPage(found, phones);
  }

  private trained(page: HouseholdPage, { event, provinceCode, communeKey }: Planned): void {
    const sellerId = str(event['sellerId']);
    const phone = str(event['phone']);
    const byPhone = !sellerId && phone ? page.withAccountByPhone(provinceCode, phone) : null;
    const householdKey = sellerId ? `s:${sellerId}` : (byPhone?.householdKey ?? str(event['householdKey']) ?? `e:${event.key}`);
    const day = str(event.dayVn) ?? event.at.toISOString().slice(0, 10);
    this.upsert(page, provinceCode, householdKey, {
      sellerId: sellerId ?? byPhone?.sellerId ?? null,
      phone,
      name: str(event['name']),
      communeKey,
      agentUserId: str(event['agentUserId']),
      at: { trained: vnDayStartUtc(day).toISOString() },
    });
  }

  private milestone(page: HouseholdPage, { event, provinceCode, communeKey }: Planned): void {
    const step = MILESTONE_STEPS[str(event['kind']) ?? ''] as FunnelStep;
    const sellerId = str(event['sellerId']) as string;
    const data = (event['data'] ?? {}) as Record<string, unknown>;
    const phone = str(data['phone']);
    const facts: Partial<ReportHousehold> = { sellerId, at: { [step]: new Date(event.at).toISOString() } };
    if (step === 'account') Object.assign(facts, { phone, name: str(data['name']), communeKey, agentUserId: str(data['agentUserId']) });
    // The household trained before it had an account: its training moves over to the seller's household.
    if (phone) {
      const trainedByPhone = page.get(`${provinceCode}:p:${phone}`);
      if (trainedByPhone) {
        facts.at = mergeSteps(trainedByPhone.at, facts.at ?? {});
        facts.agentUserId ??= trainedByPhone.agentUserId;
        this.upsert(page, provinceCode, `s:${sellerId}`, facts, step === 'account');
        page.remove(trainedByPhone._id);
        return;
      }
    }
    this.upsert(page, provinceCode, `s:${sellerId}`, facts, step === 'account');
  }

  /**
   * `account`: the seller's own name, phone, commune and registering agent win over those of its trainings; a training
   * read after the account (or again) fills only what the household lacks, so the result does not depend on the order
   * the events are read in.
   */
  private upsert(page: HouseholdPage, provinceCode: string, householdKey: string, facts: Partial<ReportHousehold>, account = false): void {
    const id = `${provinceCode}:${householdKey}`;
    const current = page.get(id);
    const pick = <K extends keyof ReportHousehold>(k: K, fallback: ReportHousehold[K]): ReportHousehold[K] => (facts[k] ?? current?.[k] ?? fallback) as ReportHousehold[K];
    page.put({
      _id: id,
      provinceCode,
      householdKey,
      sellerId: pick('sellerId', null),
      phone: account ? pick('phone', null) : (current?.phone ?? facts.phone ?? null),
      name: account ? pick('name', null) : (current?.name ?? facts.name ?? null),
      communeKey: account ? pick('communeKey', '') : current?.communeKey || facts.communeKey || '',
      agentUserId: account ? pick('agentUserId', null) : (current?.agentUserId ?? facts.agentUserId ?? null),
      at: mergeSteps(current?.at ?? {}, facts.at ?? {}),
    });
  }
}

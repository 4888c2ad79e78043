import * as adminUnits from '@nss/admin-units';
import { reportPlaceOf, vnDay, type FigureCounts, type FigureMembers } from '@nss/report-figures';
import { topFactsOf, type TopFacts } from './order-top';
import type { ReportSource, SourceEvent } from './source-events';

/** What one event adds to its province, commune and day. */
export interface EventDelta {
  /** `<province>:<dayVn>:<source>:<event key>`: inserting it twice fails on `_id`, so an event is applied once. */
  id: string;
  provinceCode: string;
  communeKey: string;
  dayVn: string;
  source: ReportSource;
  figures: FigureCounts;
  members: FigureMembers;
  /** Orders only: per product and per seller sums (the top lists), kept in `report_top`, not in the rollups. */
  top?: TopFacts;
}

type DeltaFacts = Pick<EventDelta, 'figures' | 'members' | 'top'>;

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

interface EventLine {
  quantity?: unknown;
  netWeightGrams?: unknown;
}

/** Σ quantity × net weight of an order event's lines (grams). */
function linesOf(event: SourceEvent): EventLine[] {
  return Array.isArray(event['lines']) ? (event['lines'] as EventLine[]) : [];
}

function weightOf(event: SourceEvent): number {
  const lines = linesOf(event);
  return lines.reduce((sum, line) => sum + num(line.quantity) * num(line.netWeightGrams), 0);
}

/**
 * Orders. Sales count on the day the order was placed; a cancellation or refund takes the order's goods value and
 * weight off on the day it happens (an order ends cancelled or refunded, never both). Revenue is the goods total
 * (`itemsTotalVnd`), without shipping.
 */
function orderFacts(event: SourceEvent): DeltaFacts | null {
  const totals = (event['totals'] ?? {}) as { itemsTotalVnd?: unknown };
  const goods = num(totals.itemsTotalVnd);
  const sellerId = str(event['sellerId']);
  const top = (sign: 1 | -1) => {
    const facts = topFactsOf(sellerId, goods, linesOf(event), sign);
    return facts ? { top: facts } : {};
  };
  switch (event['type']) {
    case 'order.created': {
      const method = str(event['paymentMethod']);
      const byMethod = method === 'vnpay' || method === 'bank_transfer' || method === 'cod' ? { [`orders_created_${method}` as const]: 1 } : {};
      return {
        figures: { orders_created: 1, ...byMethod, orders_sold: 1, revenue_vnd: goods, weight_grams: weightOf(event) },
        members: sellerId ? { active_sellers: [sellerId] } : {},
        ...top(1),
      };
    }
    case 'order.paid':
      return { figures: { orders_paid: 1 }, members: {} };
    case 'order.cod_confirmed':
      return { figures: { orders_cod_confirmed: 1 }, members: {} };
    case 'order.completed':
      return { figures: { orders_completed: 1 }, members: {} };
    case 'order.cancelled':
      return { figures: { orders_cancelled: 1, orders_sold: -1, revenue_vnd: -goods, weight_grams: -weightOf(event) }, members: {}, ...top(-1) };
    case 'order.refunded':
      return { figures: { orders_refunded: 1, orders_sold: -1, revenue_vnd: -goods, weight_grams: -weightOf(event) }, members: {}, ...top(-1) };
    default:
      return null;
  }
}

/** Seller events: accounts (with their channel) and verifications. A later rejection does not un-count the day. */
function sellerFacts(event: SourceEvent): DeltaFacts | null {
  if (event['kind'] === 'accountAt') {
    const channel = str((event['data'] as Record<string, unknown> | null)?.['channel']) === 'agent' ? 'agent' : 'self';
    return { figures: { accounts_created: 1, [`accounts_created_${channel}` as const]: 1 }, members: {} };
  }
  if (event['kind'] === 'status:verified') return { figures: { sellers_verified: 1 }, members: {} };
  return null;
}

/** The household a training counts: by phone when known (so it stays one household after it registers). */
export function trainedHouseholdMember(event: SourceEvent): string {
  const phone = str(event['phone']);
  return phone ? `p:${phone}` : (str(event['householdKey']) ?? `e:${event.key}`);
}

function trainingFacts(event: SourceEvent): DeltaFacts | null {
  if (event['type'] !== 'training.attended') return null;
  return { figures: {}, members: { households_trained: [trainedHouseholdMember(event)] } };
}

/** Catalogue: listings net of delistings, OCOP listings by stars (3–5). */
function catalogFacts(event: SourceEvent): DeltaFacts | null {
  const sign = event['type'] === 'product.approved' ? 1 : event['type'] === 'product.delisted' ? -1 : 0;
  if (!sign) return null;
  const stars = num(event['ocopStars']);
  const ocop = stars >= 3 && stars <= 5 ? { ocop_listed: sign, [`ocop_listed_${stars}` as 'ocop_listed_3']: sign } : {};
  const sellerId = str(event['sellerId']);
  return { figures: { products_listed: sign, ...ocop }, members: sign > 0 && sellerId ? { active_sellers: [sellerId] } : {} };
}

function traceFacts(event: SourceEvent): DeltaFacts | null {
  const count = Math.max(1, num(event['count']));
  switch (event['type']) {
    case 'stamps.issued':
      return { figures: { stamps_issued: count }, members: {} };
    case 'stamps.activated':
      return { figures: { stamps_activated: count }, members: {} };
    case 'stamp.scanned': {
      const serial = str(event['serial']);
      return { figures: { stamps_scanned: 1 }, members: serial ? { stamps_scanned_unique: [serial] } : {} };
    }
    case 'stamp.suspicious':
      return { figures: { stamps_suspicious: 1 }, members: {} };
    default:
      return null;
  }
}

const FACTS: Record<ReportSource, (event: SourceEvent) => DeltaFacts | null> = {
  orders: orderFacts,
  sellers: sellerFacts,
  training: trainingFacts,
  catalog: catalogFacts,
  trace: traceFacts,
};

/**
 * The delta of one source event, placed under its 2025 province and commune (an old commune through the era
 * mapping; a split one on its own row); null when the event adds nothing to any figure or cannot be placed.
 */
export function deltaOf(source: ReportSource, event: SourceEvent): EventDelta | null {
  const facts = FACTS[source](event);
  if (!facts) return null;
  const place = reportPlaceOf({ provinceCode: event.provinceCode, communeCode: event.communeCode ?? '', adminEra: event.adminEra ?? '2025' }, adminUnits);
  if (!place) return null;
  const dayVn = typeof event.dayVn === 'string' && event.dayVn ? event.dayVn : vnDay(new Date(event.at));
  return {
    id: `${place.provinceCode}:${dayVn}:${source}:${event.key}`,
    provinceCode: place.provinceCode,
    communeKey: place.communeKey,
    dayVn,
    source,
    ...facts,
  };
}

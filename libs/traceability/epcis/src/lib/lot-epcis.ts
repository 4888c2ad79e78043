import { createHash } from 'node:crypto';
import { stampUrlFactory, toGtin14 } from '@nss/trace-codes';

/**
 * A lot's history as an EPCIS 2.0 JSON-LD document (GS1 EPCIS 2.0 and CBV 2.0):
 * - each stamp batch's commissioning: an ObjectEvent ADD / `commissioning` / `active` whose EPCs are the stamps' URLs
 *   (GS1 Digital Link when the product has a GTIN) and whose ILMD carries the lot number and dates;
 * - each diary entry: an ObjectEvent OBSERVE on the lot (class level, `quantityList`), or, for processing with
 *   recorded inputs, a TransformationEvent from the input lots to this lot;
 * - each shipment through the marketplace: an ObjectEvent OBSERVE / `shipping` / `in_transit` with the order as the
 *   business transaction (`po`) and no buyer data.
 * Event ids are stable URIs made from the records' ids, so a receiver that imports the same export twice can tell.
 * Pure: the caller reads the records (its scope rules apply there) and passes them in.
 */

/** Terms of ours (diary steps GS1's CBV has no word for, the note, the place text) live under this vocabulary. */
export const NSS_VOCABULARY = 'https://nongsanso.vn/voc/';
export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

export type DiaryType =
  | 'planting'
  | 'fertilising'
  | 'spraying'
  | 'irrigation'
  | 'harvest'
  | 'drying'
  | 'processing'
  | 'packing'
  | 'inspection'
  | 'other';

export interface EpcisLot {
  id: string;
  code: string;
  productName: string;
  gtin: string | null;
  sellerId: string;
  sellerName: string;
  provinceCode: string;
  communeCode: string;
  /** Vietnam-time dates, YYYY-MM-DD. */
  producedOn: string;
  expiresOn: string | null;
  quantity: number;
  unit: string;
  createdAt: Date;
}

export interface EpcisDiaryEntry {
  id: string;
  type: DiaryType;
  at: Date;
  recordedAt: Date;
  place: { text: string; communeCode: string | null };
  note: string;
  inputs: { lotId: string; lotCode: string; gtin: string | null; quantity: number | null; unit?: string }[];
}

export interface EpcisCommissioning {
  batchId: string;
  batchCode: string;
  at: Date;
  serials: readonly string[];
}

export interface EpcisShipment {
  orderId: string;
  orderCode: string;
  shippedAt: Date;
  quantity: number;
  serials: readonly string[];
}

export interface LotEpcisInput {
  /** The stamp host (TRACE_BASE_URL): stamp URLs and our identifiers are made on it. */
  baseUrl: string;
  lot: EpcisLot;
  diary: readonly EpcisDiaryEntry[];
  commissioning: readonly EpcisCommissioning[];
  shipments: readonly EpcisShipment[];
  createdAt: Date;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type EpcisEvent = { [key: string]: Json };
export interface EpcisDocument {
  '@context': Json[];
  id: string;
  type: 'EPCISDocument';
  schemaVersion: '2.0';
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
}

/** UN/ECE Recommendation 20 codes for the lot units (EPCIS `uom`); counted units have none. */
const UOM: Record<string, string> = { kg: 'KGM', g: 'GRM', l: 'LTR', ml: 'MLT' };

/** CBV 2.0 business steps where one fits; our own vocabulary where CBV has no word for the farm step. */
const BIZ_STEP: Record<DiaryType, string> = {
  planting: `${NSS_VOCABULARY}bizstep/planting`,
  fertilising: `${NSS_VOCABULARY}bizstep/fertilising`,
  spraying: `${NSS_VOCABULARY}bizstep/spraying`,
  irrigation: `${NSS_VOCABULARY}bizstep/irrigation`,
  harvest: `${NSS_VOCABULARY}bizstep/harvesting`,
  drying: `${NSS_VOCABULARY}bizstep/drying`,
  processing: `${NSS_VOCABULARY}bizstep/processing`,
  packing: 'packing',
  inspection: 'inspecting',
  other: 'other',
};

const VIETNAM_OFFSET = '+07:00';

function root(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('baseUrl must be http(s)');
  return url.origin;
}

/** The lot as an EPC class: GS1 Digital Link `/01/<gtin14>/10/<lot>` with a GTIN, else a URI of ours. */
export function lotClassUri(baseUrl: string, lot: { id: string; code: string; gtin: string | null }): string {
  const gtin14 = lot.gtin ? toGtin14(lot.gtin) : null;
  if (gtin14) return `${root(baseUrl)}/01/${gtin14}/10/${encodeURIComponent(lot.code)}`;
  return `${root(baseUrl)}/lots/${encodeURIComponent(lot.id)}`;
}

function communeUri(baseUrl: string, communeCode: string): string {
  return `${root(baseUrl)}/communes/${encodeURIComponent(communeCode)}`;
}

function eventId(baseUrl: string, kind: string, id: string): string {
  // A stable, opaque id: the same record gives the same event id in every export.
  const digest = createHash('sha256').update(`${kind}:${id}`).digest('hex').slice(0, 32);
  return `${root(baseUrl)}/epcis/events/${kind}-${digest}`;
}

function quantityElement(epcClass: string, quantity: number | null, unit: string | undefined): Json {
  const element: { [key: string]: Json } = { epcClass };
  if (quantity !== null) element['quantity'] = quantity;
  const uom = unit ? UOM[unit] : undefined;
  if (uom && quantity !== null) element['uom'] = uom;
  return element;
}

export function buildLotEpcis(input: LotEpcisInput): EpcisDocument {
  const { baseUrl, lot } = input;
  const lotClass = lotClassUri(baseUrl, lot);
  const sellerLocation = { id: communeUri(baseUrl, lot.communeCode) };
  const stampUrlOf = stampUrlFactory({ baseUrl, gtin: lot.gtin ?? undefined, lotCode: lot.code });
  const events: { at: Date; event: EpcisEvent }[] = [];

  for (const batch of input.commissioning) {
    const ilmd: { [key: string]: Json } = {
      'cbvmda:lotNumber': lot.code,
      'cbvmda:productionDate': lot.producedOn,
    };
    if (lot.expiresOn) ilmd['cbvmda:itemExpirationDate'] = lot.expiresOn;
    events.push({
      at: batch.at,
      event: {
        type: 'ObjectEvent',
        eventID: eventId(baseUrl, 'commissioning', batch.batchId),
        eventTime: batch.at.toISOString(),
        eventTimeZoneOffset: VIETNAM_OFFSET,
        action: 'ADD',
        bizStep: 'commissioning',
        disposition: 'active',
        epcList: [...new Set(batch.serials)].map(stampUrlOf),
        readPoint: sellerLocation,
        bizLocation: sellerLocation,
        ilmd,
        'nss:stampBatch': batch.batchCode,
      },
    });
  }

  for (const entry of input.diary) {
    const place = { id: communeUri(baseUrl, entry.place.communeCode ?? lot.communeCode) };
    const common: EpcisEvent = {
      eventID: eventId(baseUrl, 'diary', entry.id),
      eventTime: entry.at.toISOString(),
      recordTime: entry.recordedAt.toISOString(),
      eventTimeZoneOffset: VIETNAM_OFFSET,
      bizStep: BIZ_STEP[entry.type],
      readPoint: place,
      bizLocation: sellerLocation,
    };
    if (entry.place.text) common['nss:placeText'] = entry.place.text;
    if (entry.note) common['nss:note'] = entry.note;
    if (entry.type === 'processing' && entry.inputs.length > 0) {
      events.push({
        at: entry.at,
        event: {
          type: 'TransformationEvent',
          ...common,
          transformationID: `${root(baseUrl)}/epcis/transformations/${encodeURIComponent(entry.id)}`,
          inputQuantityList: entry.inputs.map((i) =>
            quantityElement(lotClassUri(baseUrl, { id: i.lotId, code: i.lotCode, gtin: i.gtin }), i.quantity, i.unit),
          ),
          outputQuantityList: [quantityElement(lotClass, lot.quantity, lot.unit)],
          disposition: 'in_progress',
        },
      });
    } else {
      events.push({
        at: entry.at,
        event: { type: 'ObjectEvent', ...common, action: 'OBSERVE', quantityList: [quantityElement(lotClass, null, undefined)] },
      });
    }
  }

  for (const shipment of input.shipments) {
    const event: EpcisEvent = {
      type: 'ObjectEvent',
      eventID: eventId(baseUrl, 'shipment', shipment.orderId),
      eventTime: shipment.shippedAt.toISOString(),
      eventTimeZoneOffset: VIETNAM_OFFSET,
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      readPoint: sellerLocation,
      bizTransactionList: [{ type: 'po', bizTransaction: `${root(baseUrl)}/orders/${encodeURIComponent(shipment.orderCode)}` }],
      quantityList: [quantityElement(lotClass, shipment.quantity, undefined)],
    };
    if (shipment.serials.length > 0) event['epcList'] = [...new Set(shipment.serials)].map(stampUrlOf);
    events.push({ at: shipment.shippedAt, event });
  }

  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    '@context': [EPCIS_CONTEXT_URL, { nss: NSS_VOCABULARY }],
    id: `${root(baseUrl)}/epcis/lots/${encodeURIComponent(lot.id)}/${input.createdAt.getTime()}`,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: input.createdAt.toISOString(),
    epcisBody: { eventList: events.map((e) => e.event) },
  };
}

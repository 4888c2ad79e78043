import { Schema, type Types } from 'mongoose';

/**
 * The event collections reporting consumes (architecture: reporting reads the events other domains write, never
 * their other collections). Each source is read in `_id` order; the key names the fact, so a delta's id built from it
 * is the same however often the event is read.
 */
export const REPORT_SOURCES = {
  sellers: 'seller_events',
  training: 'training_events',
  catalog: 'catalog_events',
  orders: 'order_events',
  trace: 'trace_events',
} as const;
export type ReportSource = keyof typeof REPORT_SOURCES;
export const REPORT_SOURCE_NAMES = Object.keys(REPORT_SOURCES) as ReportSource[];

/** Fields every source event has (what reporting relies on; the rest is read per source). */
export interface SourceEvent {
  _id: Types.ObjectId;
  key: string;
  provinceCode: string;
  communeCode?: string | null;
  adminEra?: '2025' | 'pre2025' | null;
  at: Date;
  dayVn?: string;
  [field: string]: unknown;
}

/**
 * A read-only view of a source collection: no validation, no indexes or collection created from here (the owning
 * domain defines them); model names of their own so they never clash with the owners' models.
 */
export function sourceEventSchema(collection: string): Schema {
  return new Schema({}, { collection, strict: false, autoIndex: false, autoCreate: false, versionKey: false });
}

export function sourceModelName(source: ReportSource): string {
  return `ReportSource_${source}`;
}

export const SOURCE_MODELS = REPORT_SOURCE_NAMES.map((source) => ({ name: sourceModelName(source), schema: sourceEventSchema(REPORT_SOURCES[source]) }));

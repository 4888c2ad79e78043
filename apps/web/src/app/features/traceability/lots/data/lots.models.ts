/**
 * Shapes of the lot and diary endpoints as the pages use them (docs/api-surface.md § Lots and production diary).
 * Types only from `@nss/contracts` (`import type`), so the browser bundle does not carry zod; the value lists the
 * pages need are repeated here and checked against the contract's types (both ways: none missing, none extra).
 */
import type { DiaryType, LotStatus, LotUnit } from '@nss/contracts';

export type {
  CreateDiaryEntryRequest,
  CreateLotRequest,
  DiaryEntry,
  DiaryType,
  Lot,
  LotDetail,
  LotDiary,
  LotListQuery,
  LotPage,
  LotSale,
  LotStatus,
  LotUnit,
  UpdateLotRequest,
} from '@nss/contracts';

export const LOT_UNITS = ['kg', 'g', 'l', 'ml', 'piece', 'pack', 'box', 'bottle'] as const satisfies readonly LotUnit[];
export const LOT_STATUSES = ['open', 'closed'] as const satisfies readonly LotStatus[];
export const DIARY_TYPES = [
  'planting',
  'fertilising',
  'spraying',
  'irrigation',
  'harvest',
  'drying',
  'processing',
  'packing',
  'inspection',
  'other',
] as const satisfies readonly DiaryType[];

/** Compile-time: every value of the contract's union is in the list above (a new one in the contract fails here). */
type Missing<Union, List extends readonly unknown[]> = Exclude<Union, List[number]>;
export const LISTS_COMPLETE: [Missing<LotUnit, typeof LOT_UNITS>, Missing<LotStatus, typeof LOT_STATUSES>, Missing<DiaryType, typeof DIARY_TYPES>] extends [never, never, never]
  ? true
  : never = true;

import { addMonthsUtc, formatVnd, vnDayKey } from '@nss/util-vn';
import type {
  CreateProductRequest,
  OcopInput,
  OcopIssuer,
  OcopProductGroup,
  OcopState,
  Product,
  ProductUnit,
  UpdateProductRequest,
} from '../data/seller.models';

/** What the product form holds: text as typed, turned into the API's numbers by `toCreateRequest`. */
export interface ProductFormValue {
  name: string;
  categoryId: string;
  unit: ProductUnit | '';
  netWeightGrams: string;
  price: string;
  stock: string;
  description: string;
  vietgap: boolean;
  vietgapNumber: string;
  vietgapIssuedBy: string;
  vietgapValidUntil: string;
  organic: boolean;
  organicStandard: string;
  organicNumber: string;
  organicValidUntil: string;
  ocop: boolean;
  ocopProductGroup: OcopProductGroup | '';
  ocopStars: string;
  ocopDecisionNumber: string;
  ocopDecisionDate: string;
  ocopIssuer: OcopIssuer | '';
  ocopIssuerName: string;
}

export const EMPTY_PRODUCT_FORM: ProductFormValue = {
  name: '',
  categoryId: '',
  unit: '',
  netWeightGrams: '',
  price: '',
  stock: '',
  description: '',
  vietgap: false,
  vietgapNumber: '',
  vietgapIssuedBy: '',
  vietgapValidUntil: '',
  organic: false,
  organicStandard: '',
  organicNumber: '',
  organicValidUntil: '',
  ocop: false,
  ocopProductGroup: '',
  ocopStars: '',
  ocopDecisionNumber: '',
  ocopDecisionDate: '',
  ocopIssuer: '',
  ocopIssuerName: '',
};

/**
 * A whole number typed the way people write money: "120000", "120.000", "120 000". Null for anything else
 * (decimals, letters, negative): VND has no minor unit and weights are whole grams.
 */
export function parseWholeNumber(text: string): number | null {
  const compact = text.replace(/[\s.]/g, '');
  if (!/^\d{1,13}$/.test(compact)) return null;
  const value = Number(compact);
  return Number.isSafeInteger(value) ? value : null;
}

/** "120.000 ₫" under the price field, or '' while the text is not a whole amount. */
export function pricePreview(text: string): string {
  const value = parseWholeNumber(text);
  return value === null ? '' : formatVnd(value);
}

/** 3–4★ are awarded by the province, 5★ centrally (the API rejects any other pairing). */
export function ocopIssuerFor(stars: string): OcopIssuer | '' {
  if (stars === '5') return 'central';
  return stars === '3' || stars === '4' ? 'province' : '';
}

type Certification = NonNullable<CreateProductRequest['certifications']>[number];

function certificationsOf(value: ProductFormValue): Certification[] {
  const list: Certification[] = [];
  if (value.vietgap) {
    list.push({
      kind: 'vietgap',
      certificateNumber: value.vietgapNumber.trim(),
      ...(value.vietgapIssuedBy.trim() ? { issuedBy: value.vietgapIssuedBy.trim() } : {}),
      ...(value.vietgapValidUntil ? { validUntil: value.vietgapValidUntil } : {}),
    });
  }
  if (value.organic) {
    list.push({
      kind: 'organic',
      standard: value.organicStandard.trim(),
      ...(value.organicNumber.trim() ? { certificateNumber: value.organicNumber.trim() } : {}),
      ...(value.organicValidUntil ? { validUntil: value.organicValidUntil } : {}),
    });
  }
  return list;
}

/**
 * Where the API reports problems of each certification: `certifications.<index>.<field>` follows the order
 * `certificationsOf` builds (VietGAP first, then organic).
 */
export function certificationPath(value: ProductFormValue, kind: 'vietgap' | 'organic', field: string): string {
  const index = kind === 'vietgap' || !value.vietgap ? 0 : 1;
  return `certifications.${index}.${field}`;
}

function ocopOf(value: ProductFormValue): OcopInput {
  return {
    productGroup: value.ocopProductGroup as OcopProductGroup,
    stars: Number(value.ocopStars) as OcopInput['stars'],
    decisionNumber: value.ocopDecisionNumber.trim(),
    decisionDate: value.ocopDecisionDate,
    issuer: (value.ocopIssuer || ocopIssuerFor(value.ocopStars)) as OcopIssuer,
    ...(value.ocopIssuerName.trim() ? { issuerName: value.ocopIssuerName.trim() } : {}),
  };
}

/** Numbers that do not parse go as NaN so the API names the field (`issues[].path`). */
function numberOf(text: string): number {
  return parseWholeNumber(text) ?? Number.NaN;
}

/** The body of `POST /products`; `sellerId` only when an agent lists for a household it manages. */
export function toCreateRequest(value: ProductFormValue, sellerId?: string | null): CreateProductRequest {
  const request: CreateProductRequest = {
    categoryId: value.categoryId,
    unit: value.unit as ProductUnit,
    netWeightGrams: numberOf(value.netWeightGrams),
    priceVnd: numberOf(value.price),
    stock: numberOf(value.stock),
    name: value.name.trim(),
    description: value.description.trim(),
    certifications: certificationsOf(value),
  };
  if (sellerId) request.sellerId = sellerId;
  if (value.ocop) request.ocop = ocopOf(value);
  return request;
}

/**
 * The body of `PATCH /products/:id`: only what changed since the form was filled, because a changed name,
 * description or certification sends a listed product back to review while price and stock apply at once.
 * Null when nothing changed. A removed OCOP certificate goes as `ocop: null`.
 */
export function toUpdateRequest(initial: ProductFormValue, value: ProductFormValue): UpdateProductRequest | null {
  const before = toCreateRequest(initial);
  const after = toCreateRequest(value);
  const patch: UpdateProductRequest = {};
  const keys = ['categoryId', 'unit', 'netWeightGrams', 'priceVnd', 'stock', 'name', 'description', 'certifications'] as const;
  for (const key of keys) {
    if (!sameJson(before[key], after[key])) (patch as Record<string, unknown>)[key] = after[key];
  }
  if (!sameJson(before.ocop ?? null, after.ocop ?? null)) patch.ocop = after.ocop ?? null;
  return Object.keys(patch).length ? patch : null;
}

/** Changes staff review again before buyers see them; price and stock (and the rest) apply at once. */
const REVIEWED_FIELDS = ['name', 'description', 'certifications', 'ocop'] as const;

export function needsReview(patch: UpdateProductRequest): boolean {
  return REVIEWED_FIELDS.some((key) => key in patch);
}

function sameJson(a: unknown, b: unknown): boolean {
  // NaN serialises as null; a field that stays unparseable is "unchanged" and the client check reports it.
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Fills the form from a stored product (editing shows the seller's latest version, pending changes included). */
export function fromProduct(product: Product): ProductFormValue {
  const pending = product.moderation.pendingChanges;
  const certifications = pending?.certifications ?? product.certifications;
  const ocop = pending && pending.ocop !== undefined ? pending.ocop : product.ocop;
  const vietgap = certifications.find((c) => c.kind === 'vietgap');
  const organic = certifications.find((c) => c.kind === 'organic');
  return {
    name: pending?.name ?? product.name,
    categoryId: product.categoryId,
    unit: product.unit,
    netWeightGrams: String(product.netWeightGrams),
    price: String(product.priceVnd),
    stock: String(product.stock),
    description: pending?.description ?? product.description,
    vietgap: !!vietgap,
    vietgapNumber: vietgap?.certificateNumber ?? '',
    vietgapIssuedBy: vietgap?.issuedBy ?? '',
    vietgapValidUntil: vietgap?.validUntil?.slice(0, 10) ?? '',
    organic: !!organic,
    organicStandard: organic?.standard ?? '',
    organicNumber: organic?.certificateNumber ?? '',
    organicValidUntil: organic?.validUntil?.slice(0, 10) ?? '',
    ocop: !!ocop,
    ocopProductGroup: ocop?.productGroup ?? '',
    ocopStars: ocop ? String(ocop.stars) : '',
    ocopDecisionNumber: ocop?.decisionNumber ?? '',
    ocopDecisionDate: ocop?.decisionDate?.slice(0, 10) ?? '',
    ocopIssuer: ocop?.issuer ?? '',
    ocopIssuerName: ocop?.issuerName ?? '',
  };
}

export type ProductProblem = 'required' | 'wholeNumber';

/** Checks that spare a round trip; the API stays the authority. Keys are the API paths. */
export function checkProduct(value: ProductFormValue): Partial<Record<string, ProductProblem>> {
  const problems: Partial<Record<string, ProductProblem>> = {};
  const required: [string, string][] = [
    ['name', value.name],
    ['categoryId', value.categoryId],
    ['unit', value.unit],
    ['netWeightGrams', value.netWeightGrams],
    ['priceVnd', value.price],
    ['stock', value.stock],
  ];
  if (value.vietgap) required.push([certificationPath(value, 'vietgap', 'certificateNumber'), value.vietgapNumber]);
  if (value.organic) required.push([certificationPath(value, 'organic', 'standard'), value.organicStandard]);
  if (value.ocop) {
    required.push(
      ['ocop.productGroup', value.ocopProductGroup],
      ['ocop.stars', value.ocopStars],
      ['ocop.decisionNumber', value.ocopDecisionNumber],
      ['ocop.decisionDate', value.ocopDecisionDate],
    );
  }
  for (const [path, text] of required) if (!text.trim()) problems[path] = 'required';
  const numbers: [string, string][] = [
    ['netWeightGrams', value.netWeightGrams],
    ['priceVnd', value.price],
    ['stock', value.stock],
  ];
  for (const [path, text] of numbers) if (text.trim() && parseWholeNumber(text) === null) problems[path] = 'wholeNumber';
  return problems;
}

/** OCOP certificates are valid 36 months from the decision date. */
export const OCOP_VALIDITY_MONTHS = 36;
/** "Sắp hết hạn" when 90 days or fewer remain. */
export const OCOP_EXPIRING_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Expiry day ("2027-03-15") and state of an OCOP decision dated `decisionDate`, seen at `now` (Vietnam days). */
export function ocopValidity(decisionDate: string, now: Date): { expiresAt: string; state: OcopState } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(decisionDate)) return null;
  const decided = new Date(`${decisionDate}T00:00:00.000Z`);
  if (Number.isNaN(decided.getTime())) return null;
  const expiresAt = addMonthsUtc(decided, OCOP_VALIDITY_MONTHS).toISOString().slice(0, 10);
  return { expiresAt, state: ocopState(expiresAt, now) };
}

/** State of a certificate lapsing on the Vietnam calendar day `expiresAt`. */
export function ocopState(expiresAt: string, now: Date): OcopState {
  const today = Date.parse(`${vnDayKey(now)}T00:00:00.000Z`);
  const days = Math.round((Date.parse(`${expiresAt.slice(0, 10)}T00:00:00.000Z`) - today) / DAY_MS);
  if (days <= 0) return 'expired';
  return days <= OCOP_EXPIRING_DAYS ? 'expiring' : 'valid';
}

/** "15/03/2027" from "2027-03-15". */
export function formatDay(day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-');
  return d && m && y ? `${d}/${m}/${y}` : day;
}

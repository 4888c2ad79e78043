import type { Product } from '@nss/contracts';
import { anAccount, type CreatedAccount } from '../accounts.factory';
import { aProduct, multipartFile, productBody } from '../catalog.factory';
import { aSeller, COMMUNES, consent, sellerBody, type CreatedSeller } from '../onboarding.factory';
import type { RouteKey } from '../registered-routes';
import type { TestApi } from '../test-api';

/** The vocabulary of the authorization matrix (authorization-matrix.int-spec.ts): callers, resources, fixtures. */

export const CALLERS = ['anonymous', 'buyer', 'seller', 'otherSeller', 'agent', 'otherAgent', 'staff', 'otherStaff', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
export type Whose = 'own' | 'other';
/** One status for both resources, or [own, other]. */
export type Expected = number | readonly [number, number];

export interface Probe {
  method: RouteKey extends `${infer M} ${string}` ? M : never;
  path: string;
  body?: unknown;
  multipart?: Buffer;
  /** Extra request headers (Idempotency-Key, X-Cart-Token). */
  headers?: Record<string, string>;
  /** Sent with this token instead of the caller's usual one (a route that ends the caller's sessions). */
  token?: string | undefined;
}

export interface World {
  api: TestApi;
  token: Record<Caller, string | undefined>;
  account: Record<Exclude<Caller, 'anonymous' | 'seller' | 'otherSeller'>, CreatedAccount>;
  sellerA: CreatedSeller;
  sellerB: CreatedSeller;
  /** Approved listings of seller A and seller B. */
  productA: Product;
  productB: Product;
  png: Buffer;
}

export interface Row {
  /** True when the route acts on a resource of a province (probed once with "own", once with "other"). */
  scoped: boolean;
  probe: (world: World, whose: Whose, caller: Caller) => Promise<Probe>;
  expect: Record<Caller, Expected>;
}

/** Everyone gets `status`. */
export function all(status: number): Record<Caller, Expected> {
  return Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, Expected>;
}

/** 401 for anonymous, 403 for every signed-in caller not named, and the given answers for the named ones. */
export function only(allowed: Partial<Record<Caller, Expected>>): Record<Caller, Expected> {
  return { ...all(403), anonymous: 401, ...allowed };
}

export const A = COMMUNES.tanCuong;
export const B = COMMUNES.thucPhan;
export const commune = (whose: Whose) => (whose === 'own' ? A : B);
export const seller = (w: World, whose: Whose) => (whose === 'own' ? w.sellerA : w.sellerB);
export const product = (w: World, whose: Whose) => (whose === 'own' ? w.productA : w.productB);
export const agentOf = (w: World, whose: Whose) => (whose === 'own' ? w.account.agent : w.account.otherAgent);

/** A fresh seller awaiting verification in the resource's province, registered by that province's agent. */
export async function pendingSeller(w: World, whose: Whose): Promise<CreatedSeller> {
  const place = commune(whose);
  return aSeller().inCommune(place.provinceCode, place.communeCode).byAgent(agentOf(w, whose)).create(w.api);
}

/** A fresh listing (pending review) of the resource's seller, made by its agent. */
export async function pendingProduct(w: World, whose: Whose): Promise<Product> {
  const body = productBody({ sellerId: seller(w, whose).seller.id });
  return aProduct().with(body).create(w.api, agentOf(w, whose).accessToken);
}

/** A photo uploaded by the resource's agent to a fresh listing: [productId, photoId]. */
export async function freshPhoto(w: World, whose: Whose): Promise<[string, string]> {
  const listing = await pendingProduct(w, whose);
  const upload = multipartFile(w.png);
  const res = await w.api.request({
    method: 'POST',
    url: `/api/products/${listing.id}/photos`,
    token: agentOf(w, whose).accessToken,
    payload: upload.payload,
    headers: upload.headers,
  });
  const uploaded = res.body as Product;
  const photo = uploaded.photos?.[0];
  if (res.status !== 201 || !photo) throw new Error(`photo upload failed: ${res.status}`);
  return [listing.id, photo.id];
}

/** A case for staff: the resource's agent registers a household with the resource seller's citizen ID again. */
export async function duplicateCase(w: World, whose: Whose): Promise<string> {
  const existing = seller(w, whose);
  const body = { ...sellerBody({ citizenId: existing.citizenId }, commune(whose)), consent: consent() };
  const res = await w.api.request({ method: 'POST', url: '/api/sellers', token: agentOf(w, whose).accessToken, body });
  if (res.status !== 202) throw new Error(`agent registration failed: ${res.status}`);
  const filed = await w.api.connection.collection('registration_cases').findOne({ phone: body.phone });
  if (!filed) throw new Error('no case was filed for the duplicate');
  return String(filed._id);
}

/** A token of a new user of the caller's kind (for routes that end the caller's own sessions). */
export async function freshTokenLike(w: World, caller: Caller): Promise<string | undefined> {
  const place = caller.startsWith('other') ? B : A;
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'seller':
    case 'otherSeller': {
      const sellerId = (caller === 'seller' ? w.sellerA : w.sellerB).seller.id;
      return (await anAccount().forSeller(sellerId).inProvince(place.provinceCode).create(w.api)).accessToken;
    }
    case 'buyer':
    case 'admin':
      return (await anAccount().withRole(caller).create(w.api)).accessToken;
    default: {
      const role = caller === 'agent' || caller === 'otherAgent' ? 'agent' : 'province_staff';
      return (await anAccount().withRole(role).inProvince(place.provinceCode).create(w.api)).accessToken;
    }
  }
}

/** Rows of the matrix, by route. */
export type Rows = Partial<Record<RouteKey, Row>>;

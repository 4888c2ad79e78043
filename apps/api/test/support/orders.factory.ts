import { Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import type { CheckoutBody, CheckoutResult, Order, Product } from '@nss/contracts';
import { anAccount, type CreatedAccount } from './accounts.factory';
import { aProduct } from './catalog.factory';
import { aSeller, COMMUNES, type CreatedSeller } from './onboarding.factory';
import type { TestApi, TestResponse } from './test-api';

/** A delivery address in Hà Nội (01) — another province of the north than the sellers' Thái Nguyên (19). */
export const HANOI_ADDRESS = { recipientName: 'Trần Thị Mua', phone: '0912345678', street: '12 Phố Huế', provinceCode: '01', communeCode: '00004' } as const;

export interface SellerWithAgent {
  seller: CreatedSeller;
  agent: CreatedAccount;
  /** A seller user acting for the seller. */
  sellerUser: CreatedAccount;
}

/** A verified seller in Thái Nguyên registered by its agent, plus a seller user. */
export async function aShop(api: TestApi, place: { provinceCode: string; communeCode: string } = COMMUNES.tanCuong): Promise<SellerWithAgent> {
  const agent = await anAccount().withRole('agent').inProvince(place.provinceCode).create(api);
  const seller = await aSeller().inCommune(place.provinceCode, place.communeCode).byAgent(agent).verified().create(api);
  const sellerUser = await anAccount().forSeller(seller.seller.id).inProvince(place.provinceCode).create(api);
  return { seller, agent, sellerUser };
}

/** An approved listing of the shop with this stock and price. */
export async function aListing(api: TestApi, shop: SellerWithAgent, overrides: { stock?: number; priceVnd?: number; name?: string; netWeightGrams?: number } = {}): Promise<Product> {
  return aProduct()
    .with({ sellerId: shop.seller.seller.id, stock: overrides.stock ?? 10, priceVnd: overrides.priceVnd ?? 100_000, netWeightGrams: overrides.netWeightGrams ?? 500, ...(overrides.name ? { name: overrides.name } : {}) })
    .approved()
    .create(api, shop.agent.accessToken);
}

export function anIdempotencyKey(): string {
  return `k-${randomBytes(9).toString('base64url')}`;
}

/** `POST /api/checkout` with a fresh Idempotency-Key (unless given). */
export function checkout(api: TestApi, buyer: CreatedAccount, body: Partial<CheckoutBody> & Record<string, unknown>, key = anIdempotencyKey()): Promise<TestResponse<CheckoutResult>> {
  return api.request<CheckoutResult>({ method: 'POST', url: '/api/checkout', token: buyer.accessToken, headers: { 'idempotency-key': key }, body: { address: HANOI_ADDRESS, paymentMethod: 'cod', ...body } });
}

/** A buy-now checkout that must succeed; its first order. */
export async function anOrder(api: TestApi, buyer: CreatedAccount, product: Product, paymentMethod: CheckoutBody['paymentMethod'] = 'cod', quantity = 1): Promise<{ result: CheckoutResult; orderId: string }> {
  const res = await checkout(api, buyer, { paymentMethod, items: [{ productId: product.id, quantity }] });
  if (res.status !== 201) throw new Error(`checkout failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { result: res.body, orderId: res.body.orders[0]!.id };
}

export async function getOrder(api: TestApi, token: string, orderId: string): Promise<TestResponse<Order>> {
  return api.request<Order>({ method: 'GET', url: `/api/orders/${orderId}`, token });
}

export async function stockOf(api: TestApi, productId: string): Promise<number> {
  const doc = await api.connection.collection('products').findOne({ _id: new Types.ObjectId(productId) });
  return Number(doc?.['stock']);
}

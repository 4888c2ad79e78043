import { Injectable } from '@nestjs/common';
import type { FilterQuery } from 'mongoose';
import { isCommuneInProvince } from '@nss/admin-units';
import { ProductWriter } from '@nss/catalog-api';
import type { ApiIssue, CreateLotRequest, Lot as LotView, LotDetail, LotListQuery, LotPage, UpdateLotRequest } from '@nss/contracts';
import { Actor, AppError, DataScope, DocumentLocks, isDuplicateKeyError } from '@nss/server-core';
import { LotSalesRepository } from '../sales/lot-sales.repository';
import { StampBatchesRepository } from '../stamps/stamps.repository';
import type { Lot } from './lot.schema';
import { LotAccess } from './lot-access';
import { lotSaleView, lotView } from './lot-view';
import { LotsRepository } from './lots.repository';

/** Every write of a lot document holds this lock (guarded single-document updates are not atomic on FerretDB). */
export const LOT_LOCK = 'lot';
/** Stamp batches in these states hold no stamps (nothing made, or what was made is deleted): the code may change. */
const BATCHES_WITHOUT_STAMPS = ['rejected', 'cancelled'];

export function invalid(issues: ApiIssue[]): AppError {
  return AppError.badRequest('VALIDATION_FAILED', 'Dữ liệu không hợp lệ', 'Invalid input', issues);
}

export function codeTaken(): AppError {
  return AppError.conflict('LOT_CODE_TAKEN', 'Mã lô này đã được dùng cho một lô khác của người bán', 'The seller already has a lot with this code');
}

/**
 * Lots of a product (Circular 02: production date, shelf life, place, standards): recorded by the seller or its
 * managing agent, read by them, by staff of the seller's province and by admins.
 */
@Injectable()
export class LotsService {
  constructor(
    private readonly lots: LotsRepository,
    private readonly batches: StampBatchesRepository,
    private readonly access: LotAccess,
    private readonly products: ProductWriter,
    private readonly locks: DocumentLocks,
    private readonly sales: LotSalesRepository,
  ) {}

  async create(actor: Actor, body: CreateLotRequest): Promise<LotView> {
    const seller = await this.access.sellerSide(actor, body.sellerId);
    const scope = DataScope.forActor(actor);
    const product = await this.products.findById(scope, body.productId);
    const issues: ApiIssue[] = [];
    if (!product || product.sellerId !== seller.id) {
      issues.push({ path: 'productId', message: 'Sản phẩm không thuộc người bán này / not a product of this seller' });
    }
    if (!isCommuneInProvince(body.communeCode, seller.provinceCode)) issues.push(communeIssue());
    if (product && product.sellerId === seller.id) issues.push(...photoIssues(body.photoIds ?? [], productPhotoIds(product)));
    if (issues.length) throw invalid(issues);

    const lot = await this.lots.insert(scope, {
      code: body.code,
      productId: body.productId,
      productName: product?.name ?? '',
      sellerId: seller.id,
      sellerName: seller.displayName,
      provinceCode: seller.provinceCode,
      communeCode: body.communeCode,
      adminEra: '2025',
      producedOn: body.producedOn,
      expiresOn: body.expiresOn ?? null,
      shelfLifeDays: body.shelfLifeDays ?? null,
      quantity: body.quantity,
      unit: body.unit,
      standards: body.standards ?? [],
      photoIds: body.photoIds ?? [],
      note: body.note || null,
      status: 'open',
      createdByUserId: actor.userId,
    });
    if (!lot) throw codeTaken();
    return lotView(lot);
  }

  async list(actor: Actor, query: LotListQuery): Promise<LotPage> {
    const { scope, filter } = await this.access.forList(actor, query.sellerId);
    const where: FilterQuery<Lot> = { ...filter, ...(query.productId ? { productId: query.productId } : {}), ...(query.status ? { status: query.status } : {}) };
    const { items, total } = await this.lots.page(scope, where, query.page, query.pageSize);
    return { items: items.map((l) => lotView(l)), total, page: query.page, pageSize: query.pageSize };
  }

  /** The lot and its sales through the marketplace (order code, date, quantity: no buyer data). */
  async get(actor: Actor, id: string): Promise<LotDetail> {
    const lot = await this.access.readable(actor, id);
    const sales = await this.sales.ofLot(DataScope.forActor(actor), String(lot._id));
    return { ...lotView(lot), sales: sales.map(lotSaleView) };
  }

  /** Changes a lot under its lock. The code is frozen once stamps were requested for the lot (it is in their URLs). */
  async update(actor: Actor, id: string, body: UpdateLotRequest): Promise<LotView> {
    await this.access.writable(actor, id);
    return this.locks.run(LOT_LOCK, id, async (lease) => {
      const lot = await this.access.writable(actor, id);
      const scope = DataScope.forActor(actor);
      const issues: ApiIssue[] = [];
      if (body.communeCode !== undefined && !isCommuneInProvince(body.communeCode, lot.provinceCode)) issues.push(communeIssue());
      const producedOn = body.producedOn ?? lot.producedOn;
      const expiresOn = body.expiresOn === undefined ? lot.expiresOn : body.expiresOn;
      if (expiresOn && expiresOn < producedOn) {
        issues.push({ path: 'expiresOn', message: 'Hạn sử dụng phải sau ngày sản xuất / expiry must not be before production' });
      }
      if (body.photoIds?.length) {
        const product = await this.products.findById(scope, lot.productId);
        issues.push(...photoIssues(body.photoIds, product ? productPhotoIds(product) : []));
      }
      if (issues.length) throw invalid(issues);
      if (body.code !== undefined && body.code !== lot.code) {
        const withStamps = await this.batches.count(scope, { lotId: String(lot._id), status: { $nin: BATCHES_WITHOUT_STAMPS } });
        if (withStamps > 0) {
          throw AppError.conflict('LOT_CODE_LOCKED', 'Lô đã có tem, không thể đổi mã lô', 'Stamps were requested for this lot: its code cannot change');
        }
      }

      const set: Partial<Lot> = {};
      for (const key of ['code', 'producedOn', 'expiresOn', 'shelfLifeDays', 'quantity', 'unit', 'communeCode', 'standards', 'photoIds', 'status'] as const) {
        if (body[key] !== undefined) (set as Record<string, unknown>)[key] = body[key];
      }
      if (body.note !== undefined) set.note = body.note || null;
      await lease.assertHeld();
      let updated;
      try {
        updated = await this.lots.update(scope, id, set, lease.fence);
      } catch (error) {
        if (isDuplicateKeyError(error)) throw codeTaken();
        throw error;
      }
      if (!updated) throw AppError.conflict('CONCURRENT_UPDATE', 'Lô vừa được thay đổi, vui lòng thử lại', 'The lot changed meanwhile, try again');
      return lotView(updated);
    });
  }
}

function communeIssue(): ApiIssue {
  return { path: 'communeCode', message: 'Xã/phường không thuộc tỉnh của người bán / the commune is not in the seller’s province' };
}

export function productPhotoIds(product: { photos?: Array<{ _id: unknown }> }): string[] {
  return (product.photos ?? []).map((p) => String(p._id));
}

/** Lot photos are photos of the lot's product (catalogue media): anything else is refused, naming the index. */
export function photoIssues(photoIds: string[], ofProduct: string[], path = 'photoIds'): ApiIssue[] {
  const known = new Set(ofProduct);
  return photoIds.flatMap((photoId, i) =>
    known.has(photoId) ? [] : [{ path: `${path}.${i}`, message: 'Không phải ảnh của sản phẩm này / not a photo of this product' }],
  );
}

import { Injectable } from '@nestjs/common';
import type { HydratedDocument } from 'mongoose';
import type { Page, Product } from '@nss/contracts';
import { createProductSchema, updateProductSchema } from '@nss/contracts';
import { Actor, AppError, DataScope } from '@nss/server-core';
import { PhotoUrls } from '../photos/photo-urls';
import { findCategory } from '../categories/categories.data';
import { CatalogVersion } from '../search/catalog-version';
import { toStoredOcop } from './ocop';
import { ProductAccess } from './product-access';
import { productView } from './product-view';
import type { PendingChanges, ProductDoc } from './product.schema';
import { PRODUCT_WHAT, ProductsRepository } from './products.repository';
import { ProductWriter } from './product-writer';

type CreateInput = ReturnType<typeof createProductSchema.parse>;
type UpdateInput = ReturnType<typeof updateProductSchema.parse>;

function assertCategory(categoryId: string | undefined): void {
  if (categoryId !== undefined && !findCategory(categoryId)) {
    throw AppError.invalidField('categoryId', 'Danh mục không tồn tại', 'unknown category');
  }
}

@Injectable()
export class ProductsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly access: ProductAccess,
    private readonly writer: ProductWriter,
    private readonly version: CatalogVersion,
    private readonly photoUrls: PhotoUrls,
  ) {}

  /** A new listing, pending review. The seller's place is copied onto it (2025 codes) for province scoping. */
  async create(actor: Actor, input: CreateInput): Promise<Product> {
    assertCategory(input.categoryId);
    const seller = await this.access.sellerForCreate(actor, input.sellerId);
    const doc = await this.products.create(DataScope.forActor(actor), {
      sellerId: seller.id,
      provinceCode: seller.provinceCode,
      communeCode: seller.communeCode,
      adminEra: '2025',
      sellerName: seller.displayName,
      sellerType: seller.type,
      provinceName: seller.provinceName,
      communeName: seller.communeName,
      categoryId: input.categoryId,
      name: input.name,
      description: input.description,
      unit: input.unit,
      netWeightGrams: input.netWeightGrams,
      priceVnd: input.priceVnd,
      stock: input.stock,
      certifications: input.certifications,
      ocop: input.ocop ? toStoredOcop(input.ocop) : null,
      photos: [],
      status: 'pending',
      needsReview: true,
      pendingChanges: null,
      createdByUserId: actor.userId,
    } as unknown as Partial<ProductDoc> & Record<string, unknown>);
    return productView(doc, this.photoUrls.signed);
  }

  /**
   * Price, stock, unit, weight and category apply at once. Name, description and certifications of a listed product
   * wait in `pendingChanges` (the approved version stays public); on a product never approved they apply directly,
   * and a rejected listing goes back to review.
   */
  async update(actor: Actor, id: string, input: UpdateInput): Promise<Product> {
    assertCategory(input.categoryId);
    const first = await this.loadEditable(actor, id);
    let publicChange = false;
    const saved = await this.writer.modify(
      DataScope.forActor(actor),
      id,
      (doc) => {
        publicChange = applyUpdate(doc, input);
      },
      first,
    );
    if (publicChange) await this.version.bump();
    return productView(saved, this.photoUrls.signed);
  }

  async getForEditor(actor: Actor, id: string): Promise<Product> {
    const doc = await this.products.getById(DataScope.forActor(actor), id, PRODUCT_WHAT);
    if (actor.role !== 'province_staff' && actor.role !== 'admin') await this.access.assertCanEdit(actor, doc.sellerId);
    return productView(doc, this.photoUrls.signed);
  }

  /** The seller's products; for an agent, those of one managed seller (`sellerId`) or all it created and still manages. */
  async listForSeller(actor: Actor, query: { sellerId?: string; status?: ProductDoc['status']; page: number; pageSize: number }): Promise<Page<Product>> {
    const scope = DataScope.forActor(actor);
    const filter: Record<string, unknown> = query.status ? { status: query.status } : {};
    if (actor.role === 'seller') {
      if (query.sellerId && query.sellerId !== actor.sellerId) throw AppError.forbidden();
    } else if (actor.role === 'agent') {
      if (query.sellerId) {
        await this.access.assertCanEdit(actor, query.sellerId).catch(() => {
          throw AppError.forbidden();
        });
        filter['sellerId'] = query.sellerId;
      } else {
        filter['createdByUserId'] = actor.userId;
      }
    } else {
      throw AppError.forbidden();
    }
    const { items, total } = await this.products.page(scope, filter, query.page, query.pageSize);
    let visible = items;
    if (actor.role === 'agent' && !query.sellerId) {
      // Sellers handed over since: their products are no longer the agent's to see.
      const allowed = new Set<string>();
      for (const sellerId of new Set(items.map((p) => p.sellerId))) {
        if (await this.access.assertCanEdit(actor, sellerId).then(() => true, () => false)) allowed.add(sellerId);
      }
      visible = items.filter((p) => allowed.has(p.sellerId));
    }
    return { items: visible.map((p) => productView(p, this.photoUrls.signed)), total, page: query.page, pageSize: query.pageSize };
  }

  /** Loads a product the caller may edit: in scope, and (for agents) of a seller it still manages. */
  async loadEditable(actor: Actor, id: string): Promise<HydratedDocument<ProductDoc>> {
    if (actor.role !== 'seller' && actor.role !== 'agent') throw AppError.forbidden();
    const doc = await this.products.getById(DataScope.forActor(actor), id, PRODUCT_WHAT);
    await this.access.assertCanEdit(actor, doc.sellerId);
    return doc;
  }
}

/** Applies an edit to a loaded product; returns whether something the public sees changed at once. */
export function applyUpdate(doc: ProductDoc, input: UpdateInput): boolean {
  let publicChange = false;
  const listed = doc.status === 'approved';
  for (const field of ['priceVnd', 'stock', 'unit', 'netWeightGrams', 'categoryId'] as const) {
    const value = input[field];
    if (value !== undefined && value !== doc[field]) {
      (doc as unknown as Record<string, unknown>)[field] = value;
      publicChange = publicChange || listed;
    }
  }
  const content: Omit<PendingChanges, 'submittedAt' | 'photoIds'> = {};
  if (input.name !== undefined) content.name = input.name;
  if (input.description !== undefined) content.description = input.description;
  if (input.certifications !== undefined) content.certifications = input.certifications;
  if (input.ocop !== undefined) content.ocop = input.ocop ? toStoredOcop(input.ocop) : null;
  if (Object.keys(content).length === 0) return publicChange;

  if (listed) {
    doc.pendingChanges = { ...(doc.pendingChanges ?? {}), ...content, submittedAt: new Date() };
  } else {
    if (content.name !== undefined) doc.name = content.name;
    if (content.description !== undefined) doc.description = content.description;
    if (content.certifications !== undefined) doc.certifications = content.certifications;
    if (content.ocop !== undefined) doc.ocop = content.ocop;
    if (doc.status === 'rejected') {
      doc.status = 'pending';
      doc.rejectionReason = undefined;
    }
  }
  doc.needsReview = true;
  return publicChange;
}

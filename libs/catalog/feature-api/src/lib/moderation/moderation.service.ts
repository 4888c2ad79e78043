import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ModerationDecisionRequest, Page, Product } from '@nss/contracts';
import { Actor, AppError, DataScope, MediaStorage } from '@nss/server-core';
import { vnDayKey } from '@nss/util-vn';
import { CatalogVersion } from '../search/catalog-version';
import { CATALOG_SELLERS, CatalogSellers, VERIFIED_SELLER_STATUS } from '../sellers/catalog-sellers';
import { productView } from '../products/product-view';
import { PhotoUrls } from '../photos/photo-urls';
import type { ProductDoc } from '../products/product.schema';
import { PRODUCT_WHAT, ProductsRepository } from '../products/products.repository';
import { ProductWriter } from '../products/product-writer';
import { photoKeys } from '../photos/photo-keys';
import { CatalogEventsRepository } from '../events/catalog-events.repository';

/**
 * Province staff review new listings and changes to listed products. Scoped to the staff member's province: a
 * product of another province is "not found". Approving needs a verified seller.
 */
@Injectable()
export class ModerationService {
  private readonly logger = new Logger(ModerationService.name);

  constructor(
    private readonly products: ProductsRepository,
    private readonly writer: ProductWriter,
    private readonly version: CatalogVersion,
    private readonly storage: MediaStorage,
    private readonly photoUrls: PhotoUrls,
    @Inject(CATALOG_SELLERS) private readonly sellers: CatalogSellers,
    private readonly events: CatalogEventsRepository,
  ) {}

  async list(actor: Actor, query: { status: ProductDoc['status']; page: number; pageSize: number }): Promise<Page<Product>> {
    // "pending" is the review queue: new listings and listed products with changes waiting, oldest first.
    const filter = query.status === 'pending' ? { needsReview: true } : { status: query.status };
    const sort: Record<string, 1 | -1> = query.status === 'pending' ? { createdAt: 1 } : { updatedAt: -1 };
    const { items, total } = await this.products.page(DataScope.forActor(actor), filter, query.page, query.pageSize, sort);
    return { items: items.map((p) => productView(p, this.photoUrls.signed)), total, page: query.page, pageSize: query.pageSize };
  }

  async decide(actor: Actor, id: string, input: ModerationDecisionRequest): Promise<Product> {
    const scope = DataScope.forActor(actor);
    const first = await this.products.getById(scope, id, PRODUCT_WHAT);
    if (!first.needsReview) {
      throw AppError.conflict('NOTHING_TO_REVIEW', 'Sản phẩm không có gì chờ duyệt', 'Nothing awaits review for this product');
    }
    if (input.decision === 'approve') return this.approve(actor, id, first);
    return this.reject(actor, id, first, input.reason ?? '');
  }

  private async approve(actor: Actor, id: string, first: Awaited<ReturnType<ProductsRepository['getById']>>): Promise<Product> {
    const seller = await this.sellers.getForCatalog(first.sellerId);
    if (!seller || seller.status !== VERIFIED_SELLER_STATUS) {
      throw AppError.conflict(
        'SELLER_NOT_VERIFIED',
        'Người bán chưa được xác minh, chưa thể duyệt sản phẩm',
        'The seller is not verified yet; its products cannot be approved',
      );
    }
    let firstListing = false;
    const now = new Date();
    const saved = await this.writer.modify(
      DataScope.forActor(actor),
      id,
      (doc) => {
        if (!doc.needsReview) throw AppError.conflict('NOTHING_TO_REVIEW', 'Sản phẩm không có gì chờ duyệt', 'Nothing awaits review');
        const pending = doc.pendingChanges;
        if (pending) {
          if (pending.name !== undefined) doc.name = pending.name;
          if (pending.description !== undefined) doc.description = pending.description;
          if (pending.certifications !== undefined) doc.certifications = pending.certifications;
          if (pending.ocop !== undefined) doc.ocop = pending.ocop;
        }
        for (const photo of doc.photos) photo.approved = true;
        doc.pendingChanges = null;
        doc.needsReview = false;
        doc.status = 'approved';
        doc.rejectionReason = undefined;
        doc.approvedAt = now;
        firstListing = !doc.listedAt;
        doc.listedAt ??= now;
        doc.sellerName = seller.displayName;
        doc.sellerType = seller.type;
        doc.provinceName = seller.provinceName;
        doc.communeName = seller.communeName;
      },
      first,
    );
    // After the write: searches that start from now on see the product (CatalogSearchIndex).
    await this.version.bump();
    if (firstListing) {
      // Reporting's event: a product listed (with its OCOP stars while the certificate is valid).
      const ocopStars = saved.ocop && saved.ocop.expiresAt > vnDayKey(now) ? saved.ocop.stars : null;
      await this.events
        .record({ key: `product.approved:${saved.id as string}`, type: 'product.approved', at: now, productId: saved.id as string, sellerId: saved.sellerId, provinceCode: saved.provinceCode, communeCode: saved.communeCode, ocopStars })
        .catch((error: unknown) => this.logger.error(`product.approved not recorded for ${saved.id as string}: ${String(error)}`));
      // Funnel bookkeeping; the onboarding side keeps the first date only, so a repeat is harmless.
      await this.sellers.markFirstListing(saved.sellerId, now).catch((error: unknown) => {
        this.logger.warn(`markFirstListing failed for seller ${saved.sellerId}: ${String(error)}`);
      });
    }
    return productView(saved, this.photoUrls.signed);
  }

  private async reject(actor: Actor, id: string, first: Awaited<ReturnType<ProductsRepository['getById']>>, reason: string): Promise<Product> {
    const dropped: string[] = [];
    const saved = await this.writer.modify(
      DataScope.forActor(actor),
      id,
      (doc) => {
        dropped.length = 0;
        if (doc.status === 'approved') {
          // A listed product keeps its approved content; the proposed changes and unapproved photos are dropped.
          const keep = doc.photos.filter((p) => p.approved);
          dropped.push(...doc.photos.filter((p) => !p.approved).map((p) => p.key));
          doc.photos = keep as typeof doc.photos;
        } else {
          doc.status = 'rejected';
        }
        doc.pendingChanges = null;
        doc.needsReview = false;
        doc.rejectionReason = reason;
      },
      first,
    );
    for (const key of dropped) {
      for (const k of photoKeys(key)) await this.storage.delete(k).catch(() => undefined);
    }
    return productView(saved, this.photoUrls.signed);
  }
}

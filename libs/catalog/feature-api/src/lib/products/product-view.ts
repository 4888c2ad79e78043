import type { Product, ProductDetail, ProductPhoto } from '@nss/contracts';
import type { PhotoUrlMaker } from '../photos/photo-urls';
import { findCategory } from '../categories/categories.data';
import { ocopView, StoredOcop } from './ocop';
import type { PendingChanges, ProductDoc, ProductPhotoDoc } from './product.schema';

type Certifications = Product['certifications'];

function certificationsOf(doc: { certifications: ProductDoc['certifications'] }, ocop: StoredOcop | null): Certifications {
  const list: Certifications = doc.certifications.map((c) => ({ ...c }));
  if (ocop) list.push({ kind: 'ocop', stars: ocop.stars, certificateNumber: ocop.decisionNumber });
  return list;
}

/** A photo with its URLs, made by `url` (public URLs for the storefront, signed ones for editors). */
export function photoView(photo: Pick<ProductPhotoDoc, '_id' | 'key' | 'status' | 'thumbKey' | 'displayKey' | 'approved'>, url: PhotoUrlMaker): ProductPhoto {
  const original = url(photo.key);
  const ready = photo.status === 'ready';
  return {
    id: String(photo._id),
    url: original,
    // Until the worker has made the thumbnails, the original stands in for them.
    thumbUrl: ready && photo.thumbKey ? url(photo.thumbKey) : original,
    displayUrl: ready && photo.displayKey ? url(photo.displayKey) : original,
    status: photo.status,
    approved: photo.approved,
  };
}

function pendingView(pending: PendingChanges, now: Date) {
  return {
    ...(pending.name !== undefined ? { name: pending.name } : {}),
    ...(pending.description !== undefined ? { description: pending.description } : {}),
    ...(pending.certifications !== undefined ? { certifications: pending.certifications.map((c) => ({ ...c })) } : {}),
    ...(pending.ocop !== undefined ? { ocop: pending.ocop ? ocopView(pending.ocop, now) : null } : {}),
    ...(pending.photoIds?.length ? { photoIds: pending.photoIds } : {}),
    submittedAt: new Date(pending.submittedAt).toISOString(),
  };
}

/**
 * The full view for the seller, its agent and province staff: current content plus what awaits review. Photo URLs
 * are signed (`PhotoUrls.signed`): photos awaiting review are not public.
 */
export function productView(doc: ProductDoc, signedUrl: PhotoUrlMaker, now = new Date()): Product {
  return {
    id: String(doc._id),
    sellerId: doc.sellerId,
    name: doc.name,
    description: doc.description,
    categoryId: doc.categoryId,
    unit: doc.unit,
    netWeightGrams: doc.netWeightGrams,
    priceVnd: doc.priceVnd,
    stock: doc.stock,
    photos: doc.photos.map((p) => photoView(p, signedUrl)),
    certifications: certificationsOf(doc, doc.ocop),
    ...(doc.ocop ? { ocop: ocopView(doc.ocop, now) } : {}),
    moderation: {
      status: doc.status,
      ...(doc.rejectionReason ? { reason: doc.rejectionReason } : {}),
      ...(doc.pendingChanges ? { pendingChanges: pendingView(doc.pendingChanges, now) } : {}),
    },
    provinceCode: doc.provinceCode,
    communeCode: doc.communeCode,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** The public page: approved content and approved photos only; an expired OCOP certificate is not advertised. */
export function productDetailView(doc: Omit<ProductDoc, 'pendingChanges' | 'search' | 'createdByUserId' | 'stockHolds'>, publicUrl: PhotoUrlMaker, now = new Date()): ProductDetail {
  const ocop = doc.ocop ? ocopView(doc.ocop, now) : null;
  const publicOcop = ocop && ocop.state !== 'expired' ? ocop : null;
  return {
    id: String(doc._id),
    sellerId: doc.sellerId,
    name: doc.name,
    description: doc.description,
    categoryId: doc.categoryId,
    categoryName: findCategory(doc.categoryId)?.name ?? doc.categoryId,
    unit: doc.unit,
    netWeightGrams: doc.netWeightGrams,
    priceVnd: doc.priceVnd,
    stock: doc.stock,
    photos: doc.photos.filter((p) => p.approved).map((p) => photoView(p, publicUrl)),
    certifications: certificationsOf(doc, publicOcop ? doc.ocop : null),
    ...(publicOcop ? { ocop: publicOcop } : {}),
    provinceCode: doc.provinceCode,
    communeCode: doc.communeCode,
    seller: {
      id: doc.sellerId,
      displayName: doc.sellerName,
      type: doc.sellerType,
      communeName: doc.communeName,
      provinceName: doc.provinceName,
    },
  };
}

import type { PhotoVariant, Product, ProductDetail, ProductPhoto } from '@nss/contracts';
import { PHOTO_SIZES } from '../photos/photo-keys';
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

type PhotoFields = Pick<ProductPhotoDoc, '_id' | 'key' | 'status' | 'thumbKey' | 'displayKey' | 'approved' | 'width' | 'height'>;

/** A photo with its URLs, made by `url` (public URLs for the storefront, signed ones for editors). */
export function photoView(photo: PhotoFields, url: PhotoUrlMaker): ProductPhoto {
  const original = url(photo.key);
  const ready = photo.status === 'ready';
  return {
    id: String(photo._id),
    url: original,
    // Until the worker has made the thumbnails, the original stands in for them.
    thumbUrl: ready && photo.thumbKey ? url(photo.thumbKey) : original,
    displayUrl: ready && photo.displayKey ? url(photo.displayKey) : original,
    variants: photoVariants(photo, url),
    status: photo.status,
    approved: photo.approved,
  };
}

/**
 * The WebP sizes of a ready photo with their pixel sizes, narrowest first (what `srcset` needs). The worker fits the
 * original inside a size × size square without enlarging it; photos resized before their size was recorded are
 * described as square at the nominal sizes.
 */
export function photoVariants(photo: PhotoFields, url: PhotoUrlMaker): PhotoVariant[] {
  if (photo.status !== 'ready' || !photo.thumbKey || !photo.displayKey) return [];
  const variants: PhotoVariant[] = [];
  for (const [size, key] of [[PHOTO_SIZES.thumb, photo.thumbKey], [PHOTO_SIZES.display, photo.displayKey]] as const) {
    const { width, height } = fittedSize(photo.width ?? size, photo.height ?? size, size);
    // An original narrower than the thumbnail gives two copies of the same size: describe it once.
    if (variants.some((v) => v.width === width)) continue;
    variants.push({ url: url(key), width, height });
  }
  return variants;
}

/** `width` × `height` fitted inside `size` × `size`, never enlarged (sharp's `fit: 'inside', withoutEnlargement`). */
function fittedSize(width: number, height: number, size: number): { width: number; height: number } {
  const scale = Math.min(1, size / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
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

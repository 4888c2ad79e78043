import { Injectable, Logger } from '@nestjs/common';
import { getCommune, getProvince } from '@nss/admin-units';
import type { TraceDiaryEntry } from '@nss/contracts';
import { ProductWriter } from '@nss/catalog-api';
import { SellerDirectory } from '@nss/onboarding-api';
import { MediaStorage } from '@nss/server-core';
import { toGtin14 } from '@nss/trace-codes';
import { vnDayKey } from '@nss/util-vn';
import { PUBLIC_TRACE_SCOPE, ScanPathRepository, type DiaryOnScan } from './scan-path.repository';

/** The part of a trace record that is the same for every stamp of a batch (cached). */
export interface LotRecord {
  /** GTIN-14. */
  gtin: string | null;
  lotCode: string;
  product: { name: string; photoUrl: string | null; ocopStars: number | null; certifications: string[] };
  producer: { name: string; communeName: string; provinceName: string };
  lot: {
    code: string;
    producedOn: string;
    expiresOn: string | null;
    shelfLifeDays: number | null;
    standards: string[];
    communeName: string;
    provinceName: string;
  };
  diary: TraceDiaryEntry[];
  /** Where the lot belongs: copied onto scan records and events (reports group by these). */
  place: { productId: string; sellerId: string; provinceCode: string; communeCode: string };
}

const TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;

const communeName = (code: string | null | undefined) => (code ? (getCommune(code)?.name ?? null) : null);
const provinceName = (code: string) => getProvince(code)?.name ?? code;

/**
 * The public record of a batch's lot (Circular 02 data): product, producer (name, commune and province only: no
 * phone, no citizen ID, no street address of a household), lot dates and standards, diary. Kept in memory for a
 * minute per batch, so a burst of scans of one campaign's stamps costs one stamp lookup each; concurrent misses share
 * one load. A diary entry or lot change shows on the scan page within that minute.
 */
@Injectable()
export class TraceRecords {
  private readonly logger = new Logger(TraceRecords.name);
  private readonly cache = new Map<string, { expires: number; value: Promise<LotRecord | null> }>();

  constructor(
    private readonly path: ScanPathRepository,
    private readonly products: ProductWriter,
    private readonly sellers: SellerDirectory,
    private readonly storage: MediaStorage,
  ) {}

  /** The record of the stamp's batch and lot, or null when they cannot be found (the stamp then reads as not found). */
  forStamp(stamp: { batchId: string; lotId: string }): Promise<LotRecord | null> {
    const key = `${stamp.batchId}:${stamp.lotId}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    const value = this.load(stamp.batchId, stamp.lotId).catch((error: unknown) => {
      this.cache.delete(key);
      throw error;
    });
    this.cache.set(key, { expires: now + TTL_MS, value });
    return value;
  }

  private async load(batchId: string, lotId: string): Promise<LotRecord | null> {
    const [batch, lot, diary] = await Promise.all([this.path.batch(batchId), this.path.lot(lotId), this.path.diaryOf(lotId)]);
    if (!lot) {
      this.logger.warn(`a stamp names a lot that does not exist (batch ${batchId})`);
      return null;
    }
    const [product, seller] = await Promise.all([this.products.findById(PUBLIC_TRACE_SCOPE, lot.productId), this.sellers.getForCatalog(lot.sellerId)]);
    const today = vnDayKey(new Date());
    const publicPhoto =
      product?.status === 'approved' ? product.photos.find((p) => p.approved && p.status === 'ready' && p.thumbKey) : undefined;
    const ocop = product?.ocop && product.ocop.expiresAt > today ? product.ocop : null;
    return {
      // The GTIN-14 form: what a Digital Link path carries (a batch may store the GTIN-13).
      gtin: batch?.gtin ? toGtin14(batch.gtin) : null,
      lotCode: lot.code,
      product: {
        name: product?.status === 'approved' ? product.name : lot.productName,
        photoUrl: publicPhoto?.thumbKey ? this.storage.url(publicPhoto.thumbKey) : null,
        ocopStars: ocop?.stars ?? null,
        certifications: (product?.certifications ?? []).map((c) =>
          c.kind === 'vietgap' ? `VietGAP ${c.certificateNumber}` : [c.standard, c.certificateNumber].filter(Boolean).join(' '),
        ),
      },
      producer: {
        name: seller?.displayName ?? lot.sellerName,
        communeName: seller?.communeName ?? communeName(lot.communeCode) ?? lot.communeCode,
        provinceName: seller?.provinceName ?? provinceName(lot.provinceCode),
      },
      lot: {
        code: lot.code,
        producedOn: lot.producedOn,
        expiresOn: lot.expiresOn ?? null,
        shelfLifeDays: lot.shelfLifeDays ?? null,
        standards: lot.standards ?? [],
        communeName: communeName(lot.communeCode) ?? lot.communeCode,
        provinceName: provinceName(lot.provinceCode),
      },
      diary: diary.map(diaryView),
      place: { productId: lot.productId, sellerId: lot.sellerId, provinceCode: lot.provinceCode, communeCode: lot.communeCode },
    };
  }
}

function diaryView(entry: DiaryOnScan): TraceDiaryEntry {
  return {
    type: entry.type,
    at: new Date(entry.at).toISOString(),
    place: entry.place?.text ?? '',
    communeName: communeName(entry.place?.communeCode),
    note: entry.note ? entry.note.slice(0, 300) : null,
    inputLotCodes: (entry.inputs ?? []).map((i) => i.lotCode),
  };
}

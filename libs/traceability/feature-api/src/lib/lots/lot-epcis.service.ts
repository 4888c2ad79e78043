import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Actor, DataScope } from '@nss/server-core';
import { buildLotEpcis, type EpcisCommissioning, type EpcisDocument } from '@nss/trace-epcis';
import { LotSalesRepository } from '../sales/lot-sales.repository';
import { StampBatchesRepository, StampsRepository } from '../stamps/stamps.repository';
import { LotAccess } from './lot-access';
import { LotDiaryRepository } from './lots.repository';

/**
 * `GET /lots/:id/epcis`: the lot's history as EPCIS 2.0 JSON-LD (@nss/trace-epcis): the commissioning of its active
 * stamps (one event per batch), its diary (processing with inputs as TransformationEvents), and its sales through the
 * marketplace as shipping events with the order as business transaction (no buyer data). Readers as `GET /lots/:id`.
 */
@Injectable()
export class LotEpcisService {
  private readonly baseUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly access: LotAccess,
    private readonly diary: LotDiaryRepository,
    private readonly batches: StampBatchesRepository,
    private readonly stamps: StampsRepository,
    private readonly sales: LotSalesRepository,
  ) {
    this.baseUrl = config.TRACE_BASE_URL ?? config.PUBLIC_WEB_URL;
  }

  async export(actor: Actor, id: string, now = new Date()): Promise<EpcisDocument> {
    const lot = await this.access.readable(actor, id);
    const scope = DataScope.forActor(actor);
    const lotId = String(lot._id);
    const [entries, batches, stamps, sales] = await Promise.all([
      this.diary.ofLot(scope, lotId),
      this.batches.ofLot(scope, lotId),
      this.stamps.activeOfLot(scope, lotId),
      this.sales.ofLot(scope, lotId),
    ]);
    const inputLotIds = [...new Set(entries.flatMap((e) => (e.inputs ?? []).map((i) => i.lotId)))];
    const inputGtins = await this.batches.gtinsOfLots(scope, inputLotIds);

    const byBatch = new Map<string, { serials: string[]; firstActivated: Date | null }>();
    for (const stamp of stamps) {
      const group = byBatch.get(stamp.batchId) ?? { serials: [], firstActivated: null };
      group.serials.push(stamp._id);
      if (stamp.activatedAt && (!group.firstActivated || stamp.activatedAt < group.firstActivated)) group.firstActivated = stamp.activatedAt;
      byBatch.set(stamp.batchId, group);
    }
    const commissioning: EpcisCommissioning[] = batches.flatMap((batch) => {
      const group = byBatch.get(String(batch._id));
      if (!group) return [];
      return [{ batchId: String(batch._id), batchCode: batch.code, at: group.firstActivated ?? batch.finishedAt ?? batch.createdAt, serials: group.serials }];
    });

    return buildLotEpcis({
      baseUrl: this.baseUrl,
      createdAt: now,
      lot: {
        id: lotId,
        code: lot.code,
        productName: lot.productName,
        gtin: batches.find((b) => b.gtin)?.gtin ?? null,
        sellerId: lot.sellerId,
        sellerName: lot.sellerName,
        provinceCode: lot.provinceCode,
        communeCode: lot.communeCode,
        producedOn: lot.producedOn,
        expiresOn: lot.expiresOn ?? null,
        quantity: lot.quantity,
        unit: lot.unit,
        createdAt: lot.createdAt,
      },
      diary: entries.map((e) => ({
        id: String(e._id),
        type: e.type,
        at: e.at,
        recordedAt: e.recordedAt,
        place: { text: e.place?.text ?? '', communeCode: e.place?.communeCode ?? null },
        note: e.note ?? '',
        inputs: (e.inputs ?? []).map((i) => ({ lotId: i.lotId, lotCode: i.lotCode, gtin: inputGtins.get(i.lotId) ?? null, quantity: i.quantity ?? null })),
      })),
      commissioning,
      shipments: sales.map((s) => ({ orderId: s.orderId, orderCode: s.orderCode, shippedAt: s.soldAt, quantity: s.quantity, serials: s.serials ?? [] })),
    });
  }
}

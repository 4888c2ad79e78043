import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { ApiIssue } from '@nss/contracts';
import { AppError, DocumentLocks } from '@nss/server-core';
import { LotsRepository } from '../lots/lots.repository';
import { BATCH_LOCK } from '../stamps/batch-jobs';
import type { StampBatchDocument } from '../stamps/stamp-batch.schema';
import { StampMirror } from '../stamps/stamp-mirror';
import { type SaleStamp, StampBatchesRepository, StampsRepository } from '../stamps/stamps.repository';
import { LotSalesRepository, SALES_SCOPE } from './lot-sales.repository';

/** One order line to ship from a lot, as the seller named it. */
export interface ShipmentLine {
  /** Where the line is in the request body (`lines.<path>` in errors). */
  path: string;
  productId: string;
  /** Units of the order line. */
  quantity: number;
  lotId: string;
  /** Normalised serials with a valid check character (the caller parsed them with @nss/trace-codes). */
  serials: string[];
}

/** The order being shipped: its seller's data only, never its buyer's. */
export interface ShipmentOrder {
  orderId: string;
  orderCode: string;
  sellerId: string;
  provinceCode: string;
}

/** What was recorded: each line's lot and stamps; `undo` gives it all back when the transition then fails. */
export interface RecordedShipment {
  lines: Array<{ productId: string; lotId: string; lotCode: string; serials: string[] }>;
  undo(): Promise<void>;
}

const STAMP_LOCK = 'stamp';
/** A sale waits this long for the batch's lock (a range voided in the request holds it for up to a few seconds). */
const BATCH_WAIT_MS = 20_000;

/** Whether a voiding of the stamp's range was accepted and is still being applied by the worker. */
function voidPending(batch: StampBatchDocument | null, seq: number): boolean {
  const change = batch?.pendingChange;
  return !!change && change.status === 'void' && seq >= change.fromSeq && seq <= change.toSeq;
}

function fail(status: number, code: string, message: string, messageEn: string, issues: ApiIssue[]): AppError {
  return new AppError(status, code, message, messageEn, issues);
}

/**
 * Traceability's public interface for orders (the only way orders touches lots and stamps): when a seller ships an
 * order, each line may name the lot it came from and the stamps on its packages. The lot must be the seller's and of
 * the line's product; each stamp must be the seller's, of that lot, active and not sold with another order. The
 * stamps are then marked sold (`soldOrderId`, `soldAt`) one by one under each stamp's lock (the lock the scan path's
 * writer also holds) and, briefly, its batch's lock (the one a range voiding holds): a stamp is never marked sold once
 * a voiding of its range was accepted (in the request, or pending in the worker); the scan mirror hears of each sale.
 * The line is recorded as a sale of the lot (`lot_sales`). Called by the order transition
 * under the order's lock, before its event is written: a failure leaves nothing behind, and `undo` returns
 * everything if the transition fails after this.
 */
@Injectable()
export class LotSales {
  private readonly logger = new Logger(LotSales.name);

  constructor(
    private readonly lots: LotsRepository,
    private readonly stamps: StampsRepository,
    private readonly batches: StampBatchesRepository,
    private readonly sales: LotSalesRepository,
    private readonly locks: DocumentLocks,
    private readonly mirror: StampMirror,
  ) {}

  async recordShipment(order: ShipmentOrder, lines: readonly ShipmentLine[], at: Date): Promise<RecordedShipment> {
    const { lotCodes, stamps } = await this.check(order, lines);
    const claimed: string[] = [];
    const undo = async () => {
      await this.release(order.orderId, claimed);
      await this.sales.deleteForOrder(SALES_SCOPE, order.orderId).catch((error: unknown) => this.logger.warn(`sale records of an order not removed: ${String(error)}`));
    };
    try {
      for (const line of lines) {
        for (const [j, serial] of line.serials.entries()) {
          const sale = { sellerId: order.sellerId, lotId: line.lotId, orderId: order.orderId, at };
          const sold = await this.markSold(stamps.get(serial) as SaleStamp, sale);
          if (!sold) {
            throw fail(HttpStatus.CONFLICT, 'STAMP_SOLD', 'Tem vừa được bán hoặc thay đổi', 'The stamp was just sold or changed', [
              { path: `${line.path}.serials.${j}`, message: 'Tem không còn dùng được / the stamp is no longer available' },
            ]);
          }
          claimed.push(serial);
        }
      }
      await this.sales.replaceForOrder(
        SALES_SCOPE,
        order.orderId,
        lines.map((line) => ({
          key: `${order.orderId}:${line.productId}`,
          lotId: line.lotId,
          lotCode: lotCodes.get(line.lotId) as string,
          productId: line.productId,
          sellerId: order.sellerId,
          provinceCode: order.provinceCode,
          orderId: order.orderId,
          orderCode: order.orderCode,
          quantity: line.quantity,
          serials: [...line.serials],
          soldAt: at,
        })),
      );
    } catch (error) {
      await undo();
      throw error;
    }
    return {
      lines: lines.map((line) => ({ productId: line.productId, lotId: line.lotId, lotCode: lotCodes.get(line.lotId) as string, serials: [...line.serials] })),
      undo,
    };
  }

  /**
   * Checks every line before anything is written. Another seller's lot or stamp looks missing (404); a lot of another
   * product or a stamp of another lot is a bad request (400); an inactive, void or already sold stamp is 409.
   */
  private async check(order: ShipmentOrder, lines: readonly ShipmentLine[]): Promise<{ lotCodes: Map<string, string>; stamps: Map<string, SaleStamp> }> {
    const lotIds = [...new Set(lines.map((l) => l.lotId))];
    const lots = new Map((await this.lots.ofSeller(SALES_SCOPE, order.sellerId, lotIds)).map((l) => [String(l._id), l]));
    const missing: ApiIssue[] = [];
    const invalid: ApiIssue[] = [];
    const conflicts: ApiIssue[] = [];
    for (const line of lines) {
      const lot = lots.get(line.lotId);
      if (!lot) missing.push({ path: `${line.path}.lotId`, message: 'Không tìm thấy lô hàng / lot not found' });
      else if (lot.productId !== line.productId) invalid.push({ path: `${line.path}.lotId`, message: 'Lô không phải của sản phẩm này / not a lot of this product' });
    }
    if (missing.length) throw fail(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'Không tìm thấy lô hàng', 'Lot not found', missing);
    if (invalid.length) throw fail(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ', 'Invalid input', invalid);

    const stamps = new Map((await this.stamps.bySerials(SALES_SCOPE, lines.flatMap((l) => l.serials))).map((s) => [s._id, s]));
    for (const line of lines) {
      for (const [j, serial] of line.serials.entries()) {
        const path = `${line.path}.serials.${j}`;
        const stamp = stamps.get(serial);
        if (!stamp || stamp.sellerId !== order.sellerId) missing.push({ path, message: 'Không tìm thấy tem / stamp not found' });
        else if (stamp.lotId !== line.lotId) invalid.push({ path, message: 'Tem không thuộc lô này / not a stamp of this lot' });
        else if (stamp.status !== 'active') conflicts.push({ path, message: stamp.status === 'void' ? 'Tem đã bị huỷ / the stamp is void' : 'Tem chưa được kích hoạt / the stamp is not active' });
        else if (stamp.soldOrderId && stamp.soldOrderId !== order.orderId) conflicts.push({ path, message: 'Tem đã được bán với đơn khác / the stamp was sold with another order' });
      }
    }
    if (missing.length) throw fail(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'Không tìm thấy tem', 'Stamp not found', missing);
    if (invalid.length) throw fail(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ', 'Invalid input', invalid);
    if (conflicts.length) throw fail(HttpStatus.CONFLICT, 'STAMP_UNAVAILABLE', 'Có tem không dùng được cho đơn này', 'Some stamps cannot be sold with this order', conflicts);
    return { lotCodes: new Map([...lots].map(([id, lot]) => [id, lot.code])), stamps };
  }

  /** Marks one stamp sold under its lock and its batch's (no voiding of its range runs or is pending meanwhile). */
  private markSold(stamp: SaleStamp, sale: { sellerId: string; lotId: string; orderId: string; at: Date }): Promise<boolean> {
    const serial = stamp._id;
    return this.locks.run(
      STAMP_LOCK,
      serial,
      (lease) =>
        this.locks.run(
          BATCH_LOCK,
          stamp.batchId,
          async () => {
            if (voidPending(await this.batches.findById(SALES_SCOPE, stamp.batchId), stamp.seq)) return false;
            await lease.assertHeld();
            const sold = await this.stamps.markSold(SALES_SCOPE, serial, sale, lease.fence);
            if (sold) await this.mirror.sold(serial, sale.at);
            return sold;
          },
          { waitMs: BATCH_WAIT_MS },
        ),
      { ttlMs: BATCH_WAIT_MS + 10_000 },
    );
  }

  /** Gives claimed stamps back, each under its lock; a failure is logged (the stamp then stays marked with an order that did not ship). */
  private async release(orderId: string, serials: readonly string[]): Promise<void> {
    for (const serial of serials) {
      await this.locks
        .run(STAMP_LOCK, serial, async (lease) => {
          await this.stamps.unmarkSold(SALES_SCOPE, serial, orderId, lease.fence);
          await this.mirror.sold(serial, null);
        })
        .catch((error: unknown) => this.logger.warn(`a stamp claimed for an order that did not ship was not released: ${String(error)}`));
    }
  }
}

import { type ApiIssue, shipBodySchema } from '@nss/contracts';
import { AppError } from '@nss/server-core';
import { parseSerial } from '@nss/trace-codes';
import type { Order } from './order.schema';

/** A ship request's line: the order line (by product), its lot and the normalised serials of its stamps. */
export interface ShipRequestLine {
  /** `lines.<i>`: where it is in the body (errors name it). */
  path: string;
  productId: string;
  lotId: string;
  serials: string[];
}

export interface ShipRequest {
  carrier: string;
  trackingCode: string;
  lines: ShipRequestLine[];
}

function invalid(issues: ApiIssue[]): AppError {
  return AppError.badRequest('VALIDATION_FAILED', 'Dữ liệu không hợp lệ', 'Invalid input', issues);
}

/**
 * The body of `POST /orders/:id/ship`, checked before anything is read: its shape (contracts), every serial's check
 * character (@nss/trace-codes: a mistyped serial is refused without a lookup), no serial twice, no product twice.
 */
export function parseShipRequest(body: unknown): ShipRequest {
  const parsed = shipBodySchema.safeParse(body ?? {});
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const issues: ApiIssue[] = [];
  const seenSerials = new Set<string>();
  const seenProducts = new Set<string>();
  const lines = (parsed.data.lines ?? []).map((line, i): ShipRequestLine => {
    const path = `lines.${i}`;
    if (seenProducts.has(line.productId)) issues.push({ path: `${path}.productId`, message: 'Sản phẩm đã có ở dòng trước / this product is named twice' });
    seenProducts.add(line.productId);
    const serials = (line.serials ?? []).map((raw, j) => {
      const serial = parseSerial(raw);
      if (!serial) {
        issues.push({ path: `${path}.serials.${j}`, message: 'Mã tem sai (ký tự kiểm tra không khớp) / not a valid stamp serial (check character)' });
        return raw;
      }
      if (seenSerials.has(serial)) issues.push({ path: `${path}.serials.${j}`, message: 'Tem bị nhập hai lần / this stamp is named twice' });
      seenSerials.add(serial);
      return serial;
    });
    return { path, productId: line.productId, lotId: line.lotId, serials };
  });
  if (issues.length) throw invalid(issues);
  return { carrier: parsed.data.carrier, trackingCode: parsed.data.trackingCode, lines };
}

/** Each named line must be a line of the order and carry at most its quantity of stamps. */
export function checkShipLines(order: Pick<Order, 'lines'>, lines: readonly ShipRequestLine[]): Array<ShipRequestLine & { quantity: number }> {
  const issues: ApiIssue[] = [];
  const quantities = new Map(order.lines.map((l) => [l.productId, l.quantity]));
  const checked = lines.map((line) => {
    const quantity = quantities.get(line.productId);
    if (quantity === undefined) issues.push({ path: `${line.path}.productId`, message: 'Đơn hàng không có sản phẩm này / not a product of this order' });
    else if (line.serials.length > quantity) {
      issues.push({ path: `${line.path}.serials`, message: `Tối đa ${quantity} tem (số lượng của dòng) / at most ${quantity} stamps (the line's quantity)` });
    }
    return { ...line, quantity: quantity ?? 0 };
  });
  if (issues.length) throw invalid(issues);
  return checked;
}

/**
 * What an order event adds to the top products and sellers: `[orders, revenueVnd, weightGrams]` per product and per
 * seller, net like the figures (a cancellation or refund takes the same amounts off on its day).
 */
export type TopSums = [orders: number, revenueVnd: number, weightGrams: number];

export interface TopFacts {
  products: Record<string, TopSums>;
  sellers: Record<string, TopSums>;
}

interface EventLine {
  productId?: unknown;
  quantity?: unknown;
  netWeightGrams?: unknown;
  lineTotalVnd?: unknown;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * The goods value of each line. Events carry `lineTotalVnd` since top products were added; for older events (until
 * the backfill completes them) the order's goods total is split by quantity, so the lines always add up to the
 * order's revenue figure.
 */
export function lineValues(goodsVnd: number, lines: EventLine[]): number[] {
  if (lines.every((l) => typeof l.lineTotalVnd === 'number')) return lines.map((l) => num(l.lineTotalVnd));
  const quantity = lines.reduce((s, l) => s + num(l.quantity), 0);
  if (!quantity) return lines.map((_, i) => (i === 0 ? goodsVnd : 0));
  const shares = lines.map((l) => Math.floor((goodsVnd * num(l.quantity)) / quantity));
  shares[0] = (shares[0] ?? 0) + goodsVnd - shares.reduce((s, v) => s + v, 0);
  return shares;
}

/** `sign` 1 for an order placed, −1 for one cancelled or refunded. Null when the event names no seller or product. */
export function topFactsOf(sellerId: string | null, goodsVnd: number, lines: EventLine[], sign: 1 | -1): TopFacts | null {
  const values = lineValues(goodsVnd, lines);
  const products: Record<string, TopSums> = {};
  let weight = 0;
  lines.forEach((line, i) => {
    if (typeof line.productId !== 'string' || !line.productId) return;
    const grams = num(line.quantity) * num(line.netWeightGrams);
    weight += grams;
    const sums = (products[line.productId] ??= [sign, 0, 0]);
    sums[1] += sign * (values[i] ?? 0);
    sums[2] += sign * grams;
  });
  const sellers: Record<string, TopSums> = sellerId ? { [sellerId]: [sign, sign * goodsVnd, sign * weight] } : {};
  if (!Object.keys(products).length && !sellerId) return null;
  return { products, sellers };
}

/** Adds `b` into `a` in place; entries that come to nothing are removed. */
export function addTop(a: TopFacts, b: Partial<TopFacts> | undefined): TopFacts {
  for (const kind of ['products', 'sellers'] as const) {
    for (const [id, sums] of Object.entries(b?.[kind] ?? {})) {
      const into = (a[kind][id] ??= [0, 0, 0]);
      into[0] += sums[0];
      into[1] += sums[1];
      into[2] += sums[2];
      if (!into[0] && !into[1] && !into[2]) delete a[kind][id];
    }
  }
  return a;
}

export function emptyTop(): TopFacts {
  return { products: {}, sellers: {} };
}

export function isEmptyTop(top: TopFacts): boolean {
  return !Object.keys(top.products).length && !Object.keys(top.sellers).length;
}

/**
 * The report figures (issue 8, `docs/design/reporting.md`): one name per number a province dashboard shows. Summed
 * figures add up across days and communes; unique figures count distinct members (households, sellers, serials) and
 * are unions over a period, never sums of daily counts.
 */
export const SUMMED_FIGURES = [
  'accounts_created',
  'accounts_created_self',
  'accounts_created_agent',
  'sellers_verified',
  'products_listed',
  'ocop_listed',
  'ocop_listed_3',
  'ocop_listed_4',
  'ocop_listed_5',
  'orders_created',
  'orders_created_vnpay',
  'orders_created_bank_transfer',
  'orders_created_cod',
  'orders_paid',
  'orders_cod_confirmed',
  'orders_completed',
  'orders_cancelled',
  'orders_refunded',
  /** Orders created minus those cancelled or refunded, on the day each happened. */
  'orders_sold',
  /** Đồng, net: order totals at creation minus cancelled totals and refunded amounts. */
  'revenue_vnd',
  /** Grams, net (quantity × net weight of the lines); shown in tonnes. */
  'weight_grams',
  'stamps_issued',
  'stamps_activated',
  'stamps_scanned',
  'stamps_suspicious',
] as const;

export const UNIQUE_FIGURES = [
  /** Households at a training session in the period (one household counts once). */
  'households_trained',
  /** Sellers that had a product listed or an order in the period. */
  'active_sellers',
  /** Distinct stamp serials scanned in the period. */
  'stamps_scanned_unique',
] as const;

export type SummedFigure = (typeof SUMMED_FIGURES)[number];
export type UniqueFigure = (typeof UNIQUE_FIGURES)[number];
export type FigureName = SummedFigure | UniqueFigure;
export const FIGURE_NAMES: readonly FigureName[] = [...UNIQUE_FIGURES, ...SUMMED_FIGURES];

/** Increments of summed figures (an event's delta, a day's total). Absent = 0. */
export type FigureCounts = Partial<Record<SummedFigure, number>>;
/** Members of unique figures (household keys, seller ids, serials). */
export type FigureMembers = Partial<Record<UniqueFigure, string[]>>;
/** Every figure of a place and period as numbers. */
export type FigureValues = Record<FigureName, number>;

export function isFigureName(name: string): name is FigureName {
  return (FIGURE_NAMES as readonly string[]).includes(name);
}

export function isUniqueFigure(name: string): name is UniqueFigure {
  return (UNIQUE_FIGURES as readonly string[]).includes(name);
}

export const FIGURE_LABELS: Record<FigureName, { vi: string; en: string }> = {
  households_trained: { vi: 'Hộ được tập huấn', en: 'Households trained' },
  active_sellers: { vi: 'Người bán hoạt động', en: 'Active sellers' },
  stamps_scanned_unique: { vi: 'Tem được quét (không trùng)', en: 'Unique stamps scanned' },
  accounts_created: { vi: 'Tài khoản người bán mới', en: 'Seller accounts created' },
  accounts_created_self: { vi: 'Tự đăng ký', en: 'Self-registered' },
  accounts_created_agent: { vi: 'Do tổ công nghệ số đăng ký', en: 'Registered by an agent' },
  sellers_verified: { vi: 'Người bán được xác minh', en: 'Sellers verified' },
  products_listed: { vi: 'Sản phẩm lên sàn', en: 'Products listed' },
  ocop_listed: { vi: 'Sản phẩm OCOP lên sàn', en: 'OCOP products listed' },
  ocop_listed_3: { vi: 'OCOP 3 sao', en: 'OCOP 3 stars' },
  ocop_listed_4: { vi: 'OCOP 4 sao', en: 'OCOP 4 stars' },
  ocop_listed_5: { vi: 'OCOP 5 sao', en: 'OCOP 5 stars' },
  orders_created: { vi: 'Đơn hàng đã đặt', en: 'Orders placed' },
  orders_created_vnpay: { vi: 'Đơn thanh toán VNPay', en: 'Orders paid by VNPay' },
  orders_created_bank_transfer: { vi: 'Đơn chuyển khoản', en: 'Orders by bank transfer' },
  orders_created_cod: { vi: 'Đơn thanh toán khi nhận hàng', en: 'Cash-on-delivery orders' },
  orders_paid: { vi: 'Đơn đã thanh toán', en: 'Orders paid' },
  orders_cod_confirmed: { vi: 'Đơn COD đã xác nhận', en: 'COD orders confirmed' },
  orders_completed: { vi: 'Đơn hoàn thành', en: 'Orders completed' },
  orders_cancelled: { vi: 'Đơn bị huỷ', en: 'Orders cancelled' },
  orders_refunded: { vi: 'Đơn đã hoàn tiền', en: 'Orders refunded' },
  orders_sold: { vi: 'Đơn hàng bán được', en: 'Orders sold' },
  revenue_vnd: { vi: 'Doanh thu (đồng)', en: 'Revenue (VND)' },
  weight_grams: { vi: 'Sản lượng bán (tấn)', en: 'Produce sold (tonnes)' },
  stamps_issued: { vi: 'Tem phát hành', en: 'Stamps issued' },
  stamps_activated: { vi: 'Tem kích hoạt', en: 'Stamps activated' },
  stamps_scanned: { vi: 'Lượt quét tem', en: 'Stamp scans' },
  stamps_suspicious: { vi: 'Tem nghi vấn', en: 'Suspicious stamps' },
};

/** All figures at zero. */
export function zeroFigures(): FigureValues {
  return Object.fromEntries(FIGURE_NAMES.map((name) => [name, 0])) as FigureValues;
}

/** Adds `b` into `a` (summed figures only), in place; returns `a`. */
export function addCounts(a: FigureCounts, b: FigureCounts): FigureCounts {
  for (const [name, n] of Object.entries(b) as Array<[SummedFigure, number]>) {
    if (!n) continue;
    const sum = (a[name] ?? 0) + n;
    if (sum === 0) delete a[name];
    else a[name] = sum;
  }
  return a;
}

/** Unions `b` into `a`, in place (each list kept sorted and without repeats); returns `a`. */
export function unionMembers(a: FigureMembers, b: FigureMembers): FigureMembers {
  for (const [name, members] of Object.entries(b) as Array<[UniqueFigure, string[]]>) {
    if (!members?.length) continue;
    a[name] = [...new Set([...(a[name] ?? []), ...members])].sort();
  }
  return a;
}

/** The numbers of a place and period: sums as they are, unique figures as the size of their member sets. */
export function figureValues(counts: FigureCounts, members: FigureMembers): FigureValues {
  const values = zeroFigures();
  for (const name of SUMMED_FIGURES) values[name] = counts[name] ?? 0;
  for (const name of UNIQUE_FIGURES) values[name] = members[name]?.length ?? 0;
  return values;
}

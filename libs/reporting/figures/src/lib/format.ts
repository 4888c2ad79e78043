import type { FigureValues } from './figures';
import { isoWeekOf, type Period } from './periods';

export type ReportLocale = 'vi' | 'en';

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * A number the way each language writes it: `1.354` and `37,5` in Vietnamese, `1,354` and `37.5` in English.
 * `decimals` fixes the digits after the separator (0 by default: rounded to a whole number).
 */
export function formatNumber(value: number, locale: ReportLocale = 'vi', decimals = 0): string {
  const [thousands, point] = locale === 'vi' ? ['.', ','] : [',', '.'];
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${group(whole, thousands)}${fraction ? `${point}${fraction}` : ''}`;
}

/** Grams as tonnes with one decimal (`37,5` / `37.5`). */
export function formatTonnes(grams: number, locale: ReportLocale = 'vi'): string {
  return formatNumber(grams / 1_000_000, locale, 1);
}

/** A change against the previous period: `+12,5%`, `-3%`, or null when the previous value was 0. */
export function formatChange(current: number, previous: number, locale: ReportLocale = 'vi'): string | null {
  if (previous === 0) return null;
  const pct = ((current - previous) / Math.abs(previous)) * 100;
  const rounded = Math.round(pct * 10) / 10;
  const text = formatNumber(rounded, locale, Number.isInteger(rounded) ? 0 : 1);
  return rounded > 0 ? `+${text}%` : `${text}%`;
}

const QUARTERS = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dmy(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** "tháng 11/2026", "quý IV/2026", "tuần 48/2026 (23/11–29/11/2026)"… and the English forms. */
export function periodPhrase(period: Period, locale: ReportLocale): string {
  const year = period.from.slice(0, 4);
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case 'day':
      return locale === 'vi' ? `ngày ${dmy(period.from)}` : `on ${dmy(period.from)}`;
    case 'week': {
      const { year: wy, week } = isoWeekOf(period.from);
      const span = `${dmy(period.from).slice(0, 5)}–${dmy(period.to)}`;
      return locale === 'vi' ? `tuần ${week}/${wy} (${span})` : `week ${week} of ${wy} (${span})`;
    }
    case 'month':
      return locale === 'vi' ? `tháng ${month}/${year}` : `${MONTHS_EN[month - 1]} ${year}`;
    case 'quarter': {
      const q = Math.floor((month - 1) / 3);
      return locale === 'vi' ? `quý ${QUARTERS[q]}/${year}` : `Q${q + 1} ${year}`;
    }
    case 'year':
      return locale === 'vi' ? `năm ${year}` : year;
    case 'range':
      return locale === 'vi' ? `từ ${dmy(period.from)} đến ${dmy(period.to)}` : `from ${dmy(period.from)} to ${dmy(period.to)}`;
  }
}

/** "hơn 37 tấn" when there is a fraction over the whole tonnes, "37 tấn" when exact, "dưới 1 tấn" below one. */
function tonnesPhrase(grams: number, locale: ReportLocale): string {
  const tonnes = grams / 1_000_000;
  const whole = Math.floor(tonnes);
  if (whole < 1) return locale === 'vi' ? `${formatTonnes(grams, locale)} tấn` : `${formatTonnes(grams, locale)} tonnes`;
  const over = tonnes > whole;
  const n = formatNumber(whole, locale);
  if (locale === 'vi') return over ? `hơn ${n} tấn` : `${n} tấn`;
  return over ? `over ${n} tonnes` : `${n} tonnes`;
}

/**
 * The opening paragraph of a report, in the style of provincial reports: "Trong tháng 11/2026, toàn tỉnh đã tập huấn
 * cho 1.354 hộ, tạo tài khoản người bán cho 653 hộ; …". `place` is "toàn tỉnh"/"the province" by default, or a
 * commune's name.
 */
export function summaryParagraph(input: { period: Period; values: FigureValues; locale: ReportLocale; placeName?: string }): string {
  const { period, values: v, locale } = input;
  const n = (x: number) => formatNumber(x, locale);
  if (locale === 'vi') {
    const where = input.placeName ?? 'toàn tỉnh';
    const parts = [
      `đã tập huấn cho ${n(v.households_trained)} hộ`,
      `tạo tài khoản người bán cho ${n(v.accounts_created)} hộ (${n(v.accounts_created_agent)} hộ qua tổ công nghệ số cộng đồng)`,
      `xác minh ${n(v.sellers_verified)} người bán`,
      `đưa ${n(v.products_listed)} sản phẩm lên sàn (${n(v.ocop_listed)} sản phẩm OCOP)`,
      `bán được ${n(v.orders_sold)} đơn hàng, ${tonnesPhrase(v.weight_grams, locale)} nông sản, doanh thu ${n(v.revenue_vnd)} đồng`,
      `phát hành ${n(v.stamps_issued)} tem truy xuất nguồn gốc, ${n(v.stamps_scanned)} lượt quét tem`,
    ];
    const opening = `${capitalise(period.kind === 'range' ? periodPhrase(period, locale) : `trong ${periodPhrase(period, locale)}`)}, ${where}`;
    return `${opening} ${joinParts(parts)}.`;
  }
  const where = input.placeName ?? 'the province';
  const parts = [
    `trained ${n(v.households_trained)} households`,
    `created seller accounts for ${n(v.accounts_created)} households (${n(v.accounts_created_agent)} through community digital-team agents)`,
    `verified ${n(v.sellers_verified)} sellers`,
    `listed ${n(v.products_listed)} products (${n(v.ocop_listed)} OCOP products)`,
    `sold ${n(v.orders_sold)} orders, ${tonnesPhrase(v.weight_grams, locale)} of farm produce, for ${n(v.revenue_vnd)} VND`,
    `issued ${n(v.stamps_issued)} traceability stamps, scanned ${n(v.stamps_scanned)} times`,
  ];
  const when = period.kind === 'range' || period.kind === 'day' ? periodPhrase(period, locale) : `in ${periodPhrase(period, locale)}`;
  return `${capitalise(when)}, ${where} ${joinParts(parts)}.`;
}

/** Training and accounts go together (a comma), the other facts are separated by semicolons, as in the provincial reports. */
function joinParts(parts: string[]): string {
  return [parts.slice(0, 2).join(', '), ...parts.slice(2)].join('; ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import { periodPhrase, summaryParagraph, type FunnelStep } from '@nss/report-figures';
import { formatVnDateTime } from '@nss/util-vn';
import { currentValues } from './figure-columns';
import type { LocalText, ProvinceReport } from './report-data';

/** Texts every export shares, Vietnamese first. */

/** The opening paragraph ("Trong tháng 11/2026, toàn tỉnh đã tập huấn cho 1.354 hộ…") in both languages. */
export function reportSummary(report: Pick<ProvinceReport, 'period' | 'figures' | 'place'>): LocalText {
  const values = currentValues(report);
  const { period, place } = report;
  return {
    vi: summaryParagraph({ period, values, locale: 'vi', ...(place ? { placeName: place.vi.normalize('NFC') } : {}) }),
    en: summaryParagraph({ period, values, locale: 'en', ...(place ? { placeName: place.en } : {}) }),
  };
}

/** "Tỉnh Thái Nguyên – tháng 11/2026". */
export function reportTitle(report: Pick<ProvinceReport, 'province' | 'period'>): LocalText {
  return {
    vi: `${report.province.name.vi.normalize('NFC')} – ${periodPhrase(report.period, 'vi')}`,
    en: `${report.province.name.en} – ${periodPhrase(report.period, 'en')}`,
  };
}

/** When the file was made, in Vietnam time whatever the server's time zone. */
export function generatedAtText(at: Date): LocalText {
  const when = formatVnDateTime(at);
  return { vi: `Lập lúc ${when} (giờ Việt Nam)`, en: `Generated ${when} (Vietnam time, UTC+7)` };
}

/** "Vietnamese (English)" for a single-row header (CSV). */
export function bilingual(text: LocalText): string {
  return `${text.vi} (${text.en})`;
}

export const PROVINCE_TOTAL: LocalText = { vi: 'Toàn tỉnh', en: 'Province total' };

export const FUNNEL_STEP_LABELS: Record<FunnelStep, LocalText> = {
  trained: { vi: 'Đã tập huấn', en: 'Trained' },
  account: { vi: 'Có tài khoản', en: 'Account created' },
  verified: { vi: 'Đã xác minh', en: 'Verified' },
  firstListing: { vi: 'Có sản phẩm lên sàn', en: 'First product listed' },
  firstSale: { vi: 'Có đơn bán đầu tiên', en: 'First sale' },
};

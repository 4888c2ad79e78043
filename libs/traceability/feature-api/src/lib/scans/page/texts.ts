import type { SuspicionReason, TraceDiaryEntry } from '@nss/contracts';

export type Lang = 'vi' | 'en';

/** `?lang=en` switches to English; anything else is Vietnamese. */
export function langOf(query: unknown): Lang {
  return query === 'en' ? 'en' : 'vi';
}

interface Rules {
  maxScans: number;
  maxKm: number;
  windowHours: number;
}

/** The scan page's words, Vietnamese first. */
export const TEXTS = {
  vi: {
    site: 'Nông Sàn Số · Truy xuất nguồn gốc',
    switchTo: 'English',
    title: 'Truy xuất nguồn gốc',
    verdict: {
      genuine_first: 'Tem chính hãng — lần quét đầu tiên',
      genuine_seen: 'Tem chính hãng — đã được quét trước đây',
      suspicious: 'Cảnh báo: tem có dấu hiệu bất thường',
      inactive: 'Tem chưa được kích hoạt',
      void: 'Tem đã bị huỷ',
      not_found: 'Không tìm thấy tem',
    },
    /** The heading of a genuine stamp whose scan history is read only in part (Redis away). */
    genuine: 'Tem chính hãng',
    seen: (first: string, count: number) => `Lần quét đầu: ${first} · Số lần quét: ${count}`,
    atLeast: (count: number) => `Số lần quét: ít nhất ${count} (lịch sử quét tạm thời chưa đầy đủ).`,
    reason: (reason: SuspicionReason, count: number, rules: Rules, atLeast = false) =>
      reason === 'too_many_scans'
        ? `Tem đã được quét ${atLeast ? 'ít nhất ' : ''}${count} lần, nhiều hơn mức bình thường (${rules.maxScans}).`
        : `Tem được quét ở hai nơi cách nhau hơn ${rules.maxKm} km trong vòng ${rules.windowHours} giờ.`,
    suspiciousAdvice: 'Sản phẩm có thể là hàng giả. Hãy hỏi người bán hoặc báo cho Sở Nông nghiệp và Môi trường.',
    inactiveAdvice: 'Nhà sản xuất chưa đưa tem này vào sử dụng: sản phẩm chưa được xác nhận.',
    voidAdvice: 'Tem này không còn hiệu lực. Đừng tin thông tin trên bao bì.',
    notFoundAdvice: 'Mã trên tem không có trong hệ thống. Hãy kiểm tra lại mã; nếu đúng, sản phẩm có thể là hàng giả.',
    product: 'Sản phẩm',
    producer: 'Nhà sản xuất',
    address: 'Địa chỉ',
    placeOfProduction: 'Nơi sản xuất',
    lotCode: 'Mã lô',
    producedOn: 'Ngày sản xuất',
    expiresOn: 'Hạn sử dụng',
    shelfLife: 'Thời hạn sử dụng',
    days: (n: number) => `${n} ngày`,
    standards: 'Tiêu chuẩn áp dụng',
    certifications: 'Chứng nhận',
    ocop: (stars: number) => `OCOP ${stars} sao`,
    traceCode: 'Mã truy xuất',
    serial: 'Số sê-ri',
    gtin: 'Mã GTIN',
    soldOn: (day: string) => `Đã bán ngày ${day}`,
    diary: 'Nhật ký sản xuất',
    noDiary: 'Chưa có nhật ký.',
    inputs: 'Nguyên liệu từ lô',
    shareButton: 'Chia sẻ vị trí gần đúng (khoảng 1 km) để giúp phát hiện tem giả',
    shareNote: 'Chỉ khi bạn đồng ý; vị trí được làm tròn và không gắn với bạn.',
    tooMany: 'Bạn đã tra cứu quá nhiều lần',
    tooManyAdvice: (s: number) => `Vui lòng thử lại sau ${s} giây.`,
    unavailable: 'Hệ thống đang bận',
    unavailableAdvice: 'Vui lòng thử lại sau ít phút.',
    footer: 'Thông tin theo Thông tư 02/2024/TT-BKHCN về truy xuất nguồn gốc.',
  },
  en: {
    site: 'Nông Sàn Số · Traceability',
    switchTo: 'Tiếng Việt',
    title: 'Product traceability',
    verdict: {
      genuine_first: 'Genuine stamp — first scan',
      genuine_seen: 'Genuine stamp — scanned before',
      suspicious: 'Warning: this stamp looks suspicious',
      inactive: 'This stamp has not been activated',
      void: 'This stamp has been voided',
      not_found: 'Stamp not found',
    },
    genuine: 'Genuine stamp',
    seen: (first: string, count: number) => `First scanned: ${first} · Scans: ${count}`,
    atLeast: (count: number) => `Scans: at least ${count} (the scan history is incomplete for the moment).`,
    reason: (reason: SuspicionReason, count: number, rules: Rules, atLeast = false) =>
      reason === 'too_many_scans'
        ? `This stamp has been scanned ${atLeast ? 'at least ' : ''}${count} times, more than usual (${rules.maxScans}).`
        : `This stamp was scanned at two places more than ${rules.maxKm} km apart within ${rules.windowHours} hours.`,
    suspiciousAdvice: 'The product may be counterfeit. Ask the seller or report it to the provincial Department of Agriculture and Environment.',
    inactiveAdvice: 'The producer has not put this stamp into use: the product is not confirmed.',
    voidAdvice: 'This stamp is no longer valid. Do not trust the information on the package.',
    notFoundAdvice: 'The code on this stamp is not in our records. Check the code; if it is right, the product may be counterfeit.',
    product: 'Product',
    producer: 'Producer',
    address: 'Address',
    placeOfProduction: 'Place of production',
    lotCode: 'Lot code',
    producedOn: 'Production date',
    expiresOn: 'Expiry date',
    shelfLife: 'Shelf life',
    days: (n: number) => `${n} days`,
    standards: 'Standards applied',
    certifications: 'Certifications',
    ocop: (stars: number) => `OCOP ${stars} stars`,
    traceCode: 'Trace code',
    serial: 'Serial',
    gtin: 'GTIN',
    soldOn: (day: string) => `Sold on ${day}`,
    diary: 'Production diary',
    noDiary: 'No diary entries yet.',
    inputs: 'Made from lots',
    shareButton: 'Share your approximate position (about 1 km) to help detect fake stamps',
    shareNote: 'Only if you agree; the position is rounded and not linked to you.',
    tooMany: 'Too many look-ups',
    tooManyAdvice: (s: number) => `Please try again in ${s} seconds.`,
    unavailable: 'The service is busy',
    unavailableAdvice: 'Please try again in a few minutes.',
    footer: 'Information as required by Circular 02/2024/TT-BKHCN on traceability.',
  },
} as const;

export const DIARY_TYPE_NAMES: Record<Lang, Record<TraceDiaryEntry['type'], string>> = {
  vi: {
    planting: 'Gieo trồng',
    fertilising: 'Bón phân',
    spraying: 'Phun thuốc bảo vệ thực vật',
    irrigation: 'Tưới nước',
    harvest: 'Thu hoạch',
    drying: 'Phơi, sấy',
    processing: 'Chế biến',
    packing: 'Đóng gói',
    inspection: 'Kiểm tra, kiểm nghiệm',
    other: 'Khác',
  },
  en: {
    planting: 'Planting',
    fertilising: 'Fertilising',
    spraying: 'Spraying',
    irrigation: 'Irrigation',
    harvest: 'Harvest',
    drying: 'Drying',
    processing: 'Processing',
    packing: 'Packing',
    inspection: 'Inspection',
    other: 'Other',
  },
};

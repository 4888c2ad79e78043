import * as adminUnits from '@nss/admin-units';
import { AppError, DataScope, type Actor } from '@nss/server-core';
import { formerCommuneKey, isFormerCommuneKey, parsePeriod, periodContaining, rangePeriod, vnDay, type Period, type PeriodKind } from '@nss/report-figures';

/**
 * Who may read which province's reports: province staff their own province only (another one is 403, whatever the
 * query says), admins any province or the whole country. The scope is made from that decision, so a read can never
 * leave it.
 */
export interface ReportTarget {
  /** Null: the whole country (admins only). */
  provinceCode: string | null;
  scope: DataScope;
  /** The caller is staff of this very province (may see households' names and phones). */
  ownStaff: boolean;
}

export function reportTarget(actor: Actor, province: string | undefined, options: { provinceRequired?: boolean } = {}): ReportTarget {
  if (actor.role === 'province_staff') {
    if (!actor.provinceCode) throw AppError.forbidden();
    if (province && province !== actor.provinceCode) {
      throw AppError.forbidden('Bạn chỉ xem được báo cáo của tỉnh mình', 'You may only see the reports of your own province');
    }
    return { provinceCode: actor.provinceCode, scope: DataScope.forActor(actor), ownStaff: true };
  }
  if (actor.role !== 'admin') throw AppError.forbidden();
  if (province && !adminUnits.getProvince(province)) throw AppError.invalidField('province', 'Không có tỉnh/thành phố này (mã 2025)', 'no such province (2025 code)');
  if (!province && options.provinceRequired) throw AppError.invalidField('province', 'Hãy chọn tỉnh/thành phố', 'choose a province');
  return { provinceCode: province ?? null, scope: DataScope.forActor(actor), ownStaff: false };
}

const FORMER_PREFIX_LENGTH = formerCommuneKey('').length;

/** A commune row of the province: a 2025 commune in it, or a former commune that was split into communes of it. */
export function checkCommune(provinceCode: string | null, commune: string | undefined): string | undefined {
  if (!commune) return undefined;
  if (!provinceCode) throw AppError.invalidField('commune', 'Hãy chọn tỉnh/thành phố trước', 'choose a province first');
  const inProvince = isFormerCommuneKey(commune)
    ? (adminUnits.convertOldCode({ level: 'commune', code: commune.slice(FORMER_PREFIX_LENGTH) })?.to ?? []).some((c) => c.provinceCode === provinceCode)
    :  adminUnits.isCommuneInProvince(commune, provinceCode);
  if (!inProvince) throw AppError.invalidField('commune', 'Xã/phường không thuộc tỉnh đã chọn', 'the commune is not in this province');
  return commune;
}

/** The period a query names (validated by its schema); without `at`, the one containing today in Vietnam. */
export function periodOf(query: { period: PeriodKind; at?: string | undefined; from?: string | undefined; to?: string | undefined }, now = new Date()): Period {
  const period =
    query.period === 'range'
      ? rangePeriod(query.from ?? '', query.to ?? '')
      : query.at
        ? parsePeriod(query.period, query.at)
        : periodContaining(query.period, vnDay(now));
  if (!period) throw AppError.invalidField(query.period === 'range' ? 'from' : 'at', 'Kỳ báo cáo không hợp lệ', 'not a valid period');
  return period;
}

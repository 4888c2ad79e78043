import { Injectable } from '@nestjs/common';
import { getProvince, listProvinces } from '@nss/admin-units';
import { OPEN_DATA_DICTIONARY, OPEN_DATA_LICENCE, openDataFiles, type OpenDataColumn, type OpenDataFiles } from '@nss/report-exports';
import { periodContaining, vnDay } from '@nss/report-figures';
import { AppError, type Actor } from '@nss/server-core';
import { provinceNames } from '../exports/report-export-files';
import { ReportMonthsRepository } from '../store/report-months.repository';
import { ReportsService } from './reports.service';

/** The first month served: the 2025 administrative units (34 provinces) took effect on 1 July 2025. */
export const OPEN_DATA_FIRST_MONTH = '2025-07';
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Open data reads public aggregates only: as the platform, for the province and month the URL names. */
const OPEN_DATA_ACTOR: Actor = { userId: 'open-data', role: 'admin' };

export interface OpenDataIndex {
  title: { vi: string; en: string };
  licence: typeof OPEN_DATA_LICENCE;
  dictionary: readonly OpenDataColumn[];
  /** The month in progress (Vietnam time) is listed and served, marked provisional: its figures still change. */
  provinces: Array<{ code: string; name: string; months: Array<{ month: string; provisional: boolean; csv: string; json: string }> }>;
}

/**
 * Open data (issue 8 §7): per province and month, the commune table and the province's figures as CSV and JSON,
 * through @nss/report-exports' fixed data dictionary (aggregates only: nothing about a person can reach a file).
 * Months from July 2025 up to the current one; the current one is provisional.
 */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly reports: ReportsService,
    private readonly months: ReportMonthsRepository,
  ) {}

  async index(now = new Date()): Promise<OpenDataIndex> {
    const current = periodContaining('month', vnDay(now)).key;
    const provinces = listProvinces().sort((a, b) => a.code.localeCompare(b.code));
    const byProvince = new Map<string, string[]>();
    for (const { provinceCode, key } of await this.months.months(provinces.map((p) => p.code))) {
      if (key < OPEN_DATA_FIRST_MONTH || key > current) continue;
      byProvince.set(provinceCode, [...(byProvince.get(provinceCode) ?? []), key]);
    }
    return {
      title: { vi: 'Nông Sàn Số – dữ liệu mở theo tỉnh và tháng', en: 'Nông Sàn Số – open data by province and month' },
      licence: OPEN_DATA_LICENCE,
      dictionary: OPEN_DATA_DICTIONARY,
      provinces: provinces.map((p) => ({
        code: p.code,
        name: p.name,
        months: (byProvince.get(p.code) ?? [])
          .sort()
          .reverse()
          .map((month) => ({ month, provisional: month === current, csv: `/api/open-data/${p.code}/${month}.csv`, json: `/api/open-data/${p.code}/${month}.json` })),
      })),
    };
  }

  /** The files of a province and month; 400 for a malformed code or month, 404 for one that does not exist (yet). */
  async files(province: string, month: string, now = new Date()): Promise<{ files: OpenDataFiles; provisional: boolean }> {
    if (!/^\d{2}$/.test(province)) throw AppError.invalidField('province', 'Mã tỉnh gồm 2 chữ số (mã 2025)', 'a province code is 2 digits (2025 code)');
    if (!MONTH_RE.test(month)) throw AppError.invalidField('month', 'Tháng có dạng YYYY-MM, tệp .csv hoặc .json', 'a month is YYYY-MM, the file .csv or .json');
    if (!getProvince(province)) throw AppError.notFound('tỉnh/thành phố này (mã 2025)', 'Province (2025 code)');
    const current = periodContaining('month', vnDay(now)).key;
    if (month < OPEN_DATA_FIRST_MONTH || month > current) {
      throw AppError.notFound(`số liệu tháng ${month} (có từ ${OPEN_DATA_FIRST_MONTH} đến tháng hiện tại)`, `Figures for ${month} (served from ${OPEN_DATA_FIRST_MONTH} to the current month)`);
    }
    const query = { province, period: 'month' as const, at: month };
    const [table, figures] = await Promise.all([this.reports.communes(OPEN_DATA_ACTOR, query, now), this.reports.figures(OPEN_DATA_ACTOR, query, now)]);
    const total = Object.fromEntries(figures.figures.map((f) => [f.name, f.value]));
    return { files: openDataFiles(provinceNames(province), month, { communes: table.communes, total }), provisional: month === current };
  }
}

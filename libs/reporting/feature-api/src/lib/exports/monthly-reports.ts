import { Injectable, Logger } from '@nestjs/common';
import { UsersService } from '@nss/accounts-api';
import { MessageOutbox } from '@nss/notifications-api';
import { addDays, periodContaining, vnDay } from '@nss/report-figures';
import { exportFileName, newExport, provinceNames } from './report-export-files';
import { ReportExportQueue } from './report-export-queue';
import { monthlyExportId, type ReportExport, type ReportExportFormat } from './report-export.schema';
import { ReportExportsRepository } from './report-exports.repository';

/** The files of the monthly report: the PDF people read (its completion tells the staff) and the XLSX to work on. */
export const MONTHLY_FORMATS: readonly ReportExportFormat[] = ['pdf', 'xlsx'];

export interface MonthlyOutcome {
  /** The month reported (`2026-11`), or null when today (Vietnam time) is not the first of a month. */
  month: string | null;
  /** Exports created by this run (none when an earlier run made them). */
  created: string[];
}

/**
 * The automatic monthly report (job `report-exports.monthly`, scheduled hourly): on the first day of a month in
 * Vietnam, last month's PDF and XLSX for each province that has active province staff, under the ids
 * `monthly:<province>:<YYYY-MM>:<format>`, so however often it runs (every hour of that day, two workers, a retry)
 * each exists once. When a PDF is done its province's staff are told through the message outbox, one message per
 * person and month (the outbox keeps one message per event key).
 */
@Injectable()
export class MonthlyReports {
  private readonly logger = new Logger(MonthlyReports.name);

  constructor(
    private readonly users: UsersService,
    private readonly outbox: MessageOutbox,
    private readonly exports: ReportExportsRepository,
    private readonly queue: ReportExportQueue,
  ) {}

  async run(now = new Date()): Promise<MonthlyOutcome> {
    const today = vnDay(now);
    if (!today.endsWith('-01')) return { month: null, created: [] };
    const period = periodContaining('month', addDays(today, -1));
    const staff = await this.users.activeProvinceStaff();
    const provinces = [...new Set(staff.flatMap((s) => (s.provinceCode ? [s.provinceCode] : [])))].sort();
    const created: string[] = [];
    for (const provinceCode of provinces) {
      for (const format of MONTHLY_FORMATS) {
        const id = monthlyExportId(provinceCode, period.key, format);
        const doc = newExport({
          id,
          kind: 'monthly',
          format,
          provinceCode,
          communeKey: null,
          period,
          requestedByUserId: null,
          fileName: exportFileName(provinceCode, period, format),
          now,
        });
        if (await this.exports.insertOnce(doc)) created.push(id);
        // Queued again when it exists too (same job id): heals a run that died between the insert and the queue.
        const current = await this.exports.forWorker(id);
        if (current && (current.status === 'queued' || current.status === 'running')) await this.queue.enqueueBuild(id);
      }
    }
    if (created.length) this.logger.log(`monthly report ${period.key}: ${created.length} export(s) for ${provinces.length} province(s)`);
    return { month: period.key, created };
  }

  /** Tells the province's active staff that the monthly report (its PDF) is ready; once per person and month. */
  async tellStaff(doc: ReportExport): Promise<number> {
    if (doc.kind !== 'monthly' || doc.format !== 'pdf' || !doc.provinceCode) return 0;
    const [year, month] = doc.period.key.split('-');
    const province = provinceNames(doc.provinceCode).name.vi;
    let sent = 0;
    for (const person of await this.users.activeProvinceStaff(doc.provinceCode)) {
      await this.outbox.send({
        eventKey: `report.monthly:${doc.provinceCode}:${doc.period.key}:${person.id}`,
        template: 'report.monthly_ready',
        phone: person.phone,
        params: { month: `${month}/${year}`, province },
      });
      sent += 1;
    }
    return sent;
  }
}

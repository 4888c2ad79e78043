import { Injectable, Logger } from '@nestjs/common';
import { DocumentLocks, MediaStorage, type LockLease } from '@nss/server-core';
import { ReportExportBuilder } from './report-export-builder';
import { EXPORT_CONTENT_TYPES } from './report-export-files';
import { EXPORT_LOCK } from './report-export-queue';
import type { ReportExport } from './report-export.schema';
import { ReportExportsRepository } from './report-exports.repository';
import { MonthlyReports } from './monthly-reports';

export type ExportOutcome = 'done' | 'skipped';

/** For tests: called after each step's progress is written (the crash test throws from it). */
export interface RunHooks {
  afterStep?: (done: number, total: number) => Promise<void>;
}

/**
 * Runs the build of one export (job `report-export.build`), under the export's lock: marks it running, writes the
 * progress after each step, stores the file under the export's own private key (drawn at creation: a rerun replaces
 * the same object, never adds one), then marks it done. A worker killed half-way leaves it `running` with its
 * progress; the job is taken up again and builds it from the start: the export ends done once, with one file. A
 * finished export is left alone (a monthly report's staff notice is sent again, which the outbox ignores).
 */
@Injectable()
export class ReportExportRunner {
  private readonly logger = new Logger(ReportExportRunner.name);

  constructor(
    private readonly exports: ReportExportsRepository,
    private readonly builder: ReportExportBuilder,
    private readonly storage: MediaStorage,
    private readonly locks: DocumentLocks,
    private readonly monthly: MonthlyReports,
  ) {}

  run(exportId: string, hooks: RunHooks = {}, now = new Date()): Promise<ExportOutcome> {
    // A killed build's lease runs out within the wait, so the build taken up again gets the lock instead of a retry.
    return this.locks.run(EXPORT_LOCK, exportId, (lease) => this.build(exportId, lease, hooks, now), { ttlMs: 15_000, waitMs: 20_000 });
  }

  /** Marks the export failed for good (its job ran out of attempts). */
  async fail(exportId: string, reason: string): Promise<void> {
    this.logger.warn(`report export ${exportId} failed: ${reason.slice(0, 200)}`);
    await this.locks.run(EXPORT_LOCK, exportId, async (lease) => {
      await lease.assertHeld();
      await this.exports.update(exportId, lease.fence, {
        status: 'failed',
        finishedAt: new Date(),
        error: { vi: 'Không lập được tệp báo cáo, vui lòng thử lại', en: 'The report file could not be made, please try again' },
      });
    });
  }

  private async build(exportId: string, lease: LockLease, hooks: RunHooks, now: Date): Promise<ExportOutcome> {
    const doc = await this.exports.forWorker(exportId);
    if (!doc || doc.status === 'failed') return 'skipped';
    if (doc.status === 'done') {
      await this.monthly.tellStaff(doc);
      return 'skipped';
    }
    const total = this.builder.stepsOf(doc);
    await this.write(doc, lease, { status: 'running', startedAt: new Date(), progress: { done: 0, total } });
    const step = async (done: number) => {
      await this.write(doc, lease, { progress: { done, total } });
      await hooks.afterStep?.(done, total);
    };
    const file = await this.builder.build(doc, step, now);
    await this.storage.put(doc.storageKey, file, EXPORT_CONTENT_TYPES[doc.format]);
    await this.write(doc, lease, { status: 'done', progress: { done: total, total }, sizeBytes: file.length, finishedAt: new Date() });
    await hooks.afterStep?.(total, total);
    await this.monthly.tellStaff(doc);
    return 'done';
  }

  private async write(doc: ReportExport, lease: LockLease, set: Parameters<ReportExportsRepository['update']>[2]): Promise<void> {
    await lease.assertHeld();
    if (!(await this.exports.update(doc._id, lease.fence, set))) throw new Error(`report export ${doc._id} changed under its build`);
  }
}

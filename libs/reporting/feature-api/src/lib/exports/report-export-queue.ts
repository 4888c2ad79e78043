import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, type ReportExportJobs, reportExportJobId } from '@nss/server-core';

/** Every write of an export document by a build holds this lock (guarded updates are not atomic on FerretDB). */
export const EXPORT_LOCK = 'report-export';

/** Build jobs: 3 tries, 10 s doubling; one job id per export, so queueing it again (a sweep, a rerun) is harmless. */
export const EXPORT_JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: true, removeOnFail: 1000 };

/** The producer side of the `report-exports` queue (API: a person's request; worker: the monthly report, the sweep). */
@Injectable()
export class ReportExportQueue {
  constructor(@InjectQueue(QUEUES.reportExports) readonly queue: Queue) {}

  async enqueueBuild(exportId: string): Promise<void> {
    const data: ReportExportJobs['report-export.build'] = { exportId };
    await this.queue.add('report-export.build', data, { ...EXPORT_JOB_OPTIONS, jobId: reportExportJobId(exportId) });
  }
}

import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import * as adminUnits from '@nss/admin-units';
import type { ReportExportDto, ReportExportListDto, ReportExportRequest } from '@nss/contracts';
import { communeRowName } from '@nss/report-figures';
import { AppError, DataScope, MediaStorage, type Actor } from '@nss/server-core';
import { exportDto, exportFileName, newExport, EXPORT_CONTENT_TYPES } from '../exports/report-export-files';
import { ReportExportQueue } from '../exports/report-export-queue';
import type { ReportExport } from '../exports/report-export.schema';
import { ReportExportsRepository } from '../exports/report-exports.repository';
import { checkCommune, periodOf, reportTarget } from './report-access';

/** At most this many of one person's exports wait or run at a time (the worker makes one file at a time). */
export const MAX_UNFINISHED_EXPORTS = 5;

const ID_PATTERN = /^([0-9a-f]{24}|monthly:\d{2}:\d{4}-\d{2}:(xlsx|csv|pdf))$/;

/** A finished export's file: the stream, its size, type and the name to save it under. */
export interface ExportFile {
  stream: NodeJS.ReadableStream;
  size: number;
  contentType: string;
  fileName: string;
}

/**
 * Export requests and their files. Who may ask: province staff for their own province (another is 403), admins for
 * any province or the country. Who may see an export: the person who asked, and for the monthly report the
 * province's staff and admins; anyone else gets 404 (no hint that it exists).
 */
@Injectable()
export class ReportExportsService {
  constructor(
    private readonly exports: ReportExportsRepository,
    private readonly queue: ReportExportQueue,
    private readonly storage: MediaStorage,
  ) {}

  async create(actor: Actor, request: ReportExportRequest, now = new Date()): Promise<ReportExportDto> {
    const target = reportTarget(actor, request.province);
    const commune = checkCommune(target.provinceCode, request.commune);
    const period = periodOf(request, now);
    if ((await this.exports.unfinishedBy(actor.userId)) >= MAX_UNFINISHED_EXPORTS) {
      throw new AppError(
        429,
        'TOO_MANY_EXPORTS',
        `Bạn đang có ${MAX_UNFINISHED_EXPORTS} tệp báo cáo chưa lập xong, vui lòng chờ`,
        `You have ${MAX_UNFINISHED_EXPORTS} report files still being made, please wait`,
      );
    }
    const doc = newExport({
      id: new Types.ObjectId().toHexString(),
      kind: 'request',
      format: request.format,
      provinceCode: target.provinceCode,
      communeKey: commune ?? null,
      period,
      requestedByUserId: actor.userId,
      fileName: exportFileName(target.provinceCode, period, request.format, commune ? communeRowName(commune, adminUnits).vi : undefined),
      now,
    });
    await this.exports.insertOnce(doc);
    // Should the queue be unreachable now, the worker's sweep queues the export within a few minutes.
    await this.queue.enqueueBuild(doc._id).catch(() => undefined);
    return exportDto(doc);
  }

  async list(actor: Actor): Promise<ReportExportListDto> {
    const docs = await this.exports.visibleTo(DataScope.forActor(actor), actor.userId, actor.role === 'admin' ? null : (actor.provinceCode ?? '-'));
    return { items: docs.map(exportDto) };
  }

  async get(actor: Actor, id: string): Promise<ReportExportDto> {
    return exportDto(await this.visible(actor, id));
  }

  /** The file of a finished export; 409 while it is being made (or when it failed). */
  async file(actor: Actor, id: string): Promise<ExportFile> {
    const doc = await this.visible(actor, id);
    if (doc.status === 'failed') {
      throw AppError.conflict('EXPORT_FAILED', 'Không lập được tệp báo cáo này, vui lòng tạo yêu cầu mới', 'This report file could not be made, please request a new one');
    }
    if (doc.status !== 'done') {
      const { done, total } = doc.progress;
      throw AppError.conflict(
        'EXPORT_NOT_READY',
        `Tệp báo cáo chưa lập xong (${done}/${total} bước), vui lòng thử lại sau`,
        `The report file is not ready yet (${done}/${total} steps), try again later`,
      );
    }
    const object = await this.storage.getStream(doc.storageKey);
    if (!object) throw AppError.notFound('tệp báo cáo', 'Report file');
    return { stream: object.stream, size: object.size, contentType: EXPORT_CONTENT_TYPES[doc.format], fileName: doc.fileName };
  }

  private async visible(actor: Actor, id: string): Promise<ReportExport> {
    const doc = ID_PATTERN.test(id) ? await this.exports.get(DataScope.forActor(actor), id) : null;
    const mine = doc?.requestedByUserId === actor.userId;
    const provinceReport = doc?.kind === 'monthly' && (actor.role === 'admin' || (actor.role === 'province_staff' && doc.provinceCode === actor.provinceCode));
    if (!doc || !(mine || provinceReport)) throw AppError.notFound('tệp báo cáo', 'Report export');
    return doc;
  }
}

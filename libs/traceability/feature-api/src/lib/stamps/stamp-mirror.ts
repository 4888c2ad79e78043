import { Injectable } from '@nestjs/common';

/**
 * The scan path's copy of stamps in Redis (so a scan never waits on the database). The stamp documents stay the
 * truth; every status change tells the mirror, in the step that makes it:
 * - `voiding` BEFORE the database voids a seq range (fail-safe: a scan says void from that moment on);
 * - `activated` AFTER the database activated a seq range (a scan says genuine only once the stamps are active);
 * - `sold` after a stamp was marked sold (or given back: `soldAt` null).
 * Range semantics are the database's: activation turns inactive stamps of [from, to] active; void turns every stamp of
 * [from, to] void for good.
 */
@Injectable()
export class StampMirror {
  async voiding(_batchId: string, _fromSeq: number, _toSeq: number): Promise<void> {
    // Filled in by the scan path's mirror (issue 7 §9).
  }

  async activated(_batchId: string, _fromSeq: number, _toSeq: number): Promise<void> {
    // Filled in by the scan path's mirror (issue 7 §9).
  }

  async sold(_serial: string, _soldAt: Date | null): Promise<void> {
    // Filled in by the scan path's mirror (issue 7 §9).
  }
}

import { Types } from 'mongoose';
import type { PendingRangeChange, StampBatchDocument } from './stamp-batch.schema';
import { nextChange, pendingView } from './stamp-range-changes';

describe('stamp range changes', () => {
  const id = new Types.ObjectId();
  const batch = { _id: id, activations: 2, voidings: 0 } as unknown as StampBatchDocument;

  it('numbers each batch’s activations and voidings apart in their event keys', () => {
    expect(nextChange(batch, 'active', 0, 9, { printRun: 'Lần in 3' })).toEqual({
      key: `stamps.activated:${id.toHexString()}:3`,
      status: 'active',
      n: 3,
      fromSeq: 0,
      toSeq: 9,
      printRun: 'Lần in 3',
      reason: null,
    });
    expect(nextChange(batch, 'void', 5, 5, { reason: 'Tem rách' })).toMatchObject({ key: `stamps.voided:${id.toHexString()}:1`, n: 1, printRun: null, reason: 'Tem rách' });
  });

  it('shows a pending change’s progress as done of the range, in whole percent', () => {
    const change: PendingRangeChange = {
      key: 'k',
      status: 'void',
      n: 1,
      fromSeq: 1000,
      toSeq: 180_999,
      printRun: null,
      reason: 'Lô tem bị mất',
      done: 45_000,
      changed: 180_000,
      activeDelta: -1200,
      requestedByUserId: 'u',
      requestedAt: new Date('2026-12-01T03:00:00Z'),
    };
    expect(pendingView(change)).toEqual({
      status: 'void',
      fromSeq: 1000,
      toSeq: 180_999,
      printRun: null,
      reason: 'Lô tem bị mất',
      requestedAt: '2026-12-01T03:00:00.000Z',
      progress: { done: 45_000, total: 180_000, percent: 25 },
    });
    expect(pendingView({ ...change, done: 999_999 }).progress).toEqual({ done: 180_000, total: 180_000, percent: 100 });
  });
});

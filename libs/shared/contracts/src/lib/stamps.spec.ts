import { activateStampsSchema, createStampBatchSchema, stampBatchFileParamsSchema, voidStampsSchema } from './stamps';

const ID = '0123456789abcdef01234567';

function paths(result: { error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

describe('stamp contracts', () => {
  it('takes 1 to 200,000 whole stamps and an optional label size within the sheet limits', () => {
    expect(createStampBatchSchema.safeParse({ lotId: ID, quantity: 200_000 }).success).toBe(true);
    expect(paths(createStampBatchSchema.safeParse({ lotId: ID, quantity: 0 }))).toEqual(['quantity']);
    expect(paths(createStampBatchSchema.safeParse({ lotId: ID, quantity: 200_001 }))).toEqual(['quantity']);
    expect(paths(createStampBatchSchema.safeParse({ lotId: ID, quantity: 1.5 }))).toEqual(['quantity']);
    expect(paths(createStampBatchSchema.safeParse({ lotId: ID, quantity: 5, labelSize: { widthMm: 40, heightMm: 10 } }))).toEqual(['labelSize.heightMm']);
  });

  it('wants ranges in order, and a reason to void', () => {
    expect(activateStampsSchema.safeParse({}).success).toBe(true);
    expect(paths(activateStampsSchema.safeParse({ fromSeq: 9, toSeq: 3 }))).toEqual(['toSeq']);
    expect(paths(voidStampsSchema.safeParse({ batchId: ID, fromSeq: 0, toSeq: 3, reason: '  ' }))).toEqual(['reason']);
  });

  it('reads the PDF part from the path as a number from 1', () => {
    expect(stampBatchFileParamsSchema.parse({ id: ID, part: '12' }).part).toBe(12);
    expect(paths(stampBatchFileParamsSchema.safeParse({ id: ID, part: '0' }))).toEqual(['part']);
  });
});

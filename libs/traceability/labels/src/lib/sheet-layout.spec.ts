import { A4_MM, DEFAULT_LABEL_SIZE, SHEET_MARGIN_MM, gridOrigin, sheetLayout, validateLabelSize } from './sheet-layout';

describe('label sheet layout', () => {
  it('fits the default 40 × 25 mm label 5 across and 11 down an A4 sheet', () => {
    expect(DEFAULT_LABEL_SIZE).toEqual({ labelWidthMm: 40, labelHeightMm: 25 });
    expect(sheetLayout(DEFAULT_LABEL_SIZE)).toEqual({ columns: 5, rows: 11, perPage: 55 });
  });

  it.each([
    [25, 15, 8, 19],
    [100, 100, 2, 2],
    [50, 30, 4, 9],
    [70, 37, 2, 7],
    [33.3, 20, 6, 14],
  ])('%s × %s mm: %s columns, %s rows inside the 5 mm margin', (w, h, columns, rows) => {
    const layout = sheetLayout({ labelWidthMm: w, labelHeightMm: h });
    expect(layout).toEqual({ columns, rows, perPage: columns * rows });
    // The grid fits inside the margin and is centred.
    expect(columns * w).toBeLessThanOrEqual(A4_MM.width - 2 * SHEET_MARGIN_MM);
    expect(rows * h).toBeLessThanOrEqual(A4_MM.height - 2 * SHEET_MARGIN_MM);
    expect((columns + 1) * w).toBeGreaterThan(A4_MM.width - 2 * SHEET_MARGIN_MM);
    expect((rows + 1) * h).toBeGreaterThan(A4_MM.height - 2 * SHEET_MARGIN_MM);
    const { leftMm, topMm } = gridOrigin({ labelWidthMm: w, labelHeightMm: h });
    expect(leftMm).toBeCloseTo((A4_MM.width - columns * w) / 2, 9);
    expect(topMm).toBeCloseTo((A4_MM.height - rows * h) / 2, 9);
  });

  it('accepts sizes from 25 × 15 to 100 × 100 mm, bounds included', () => {
    for (const [w, h] of [
      [25, 15],
      [100, 100],
      [25, 100],
      [100, 15],
      [62.5, 41.25],
    ]) {
      expect(() => validateLabelSize({ labelWidthMm: w, labelHeightMm: h })).not.toThrow();
    }
  });

  it.each([
    [24.9, 25, /labelWidthMm must be a number from 25 to 100/],
    [100.1, 25, /labelWidthMm/],
    [40, 14.9, /labelHeightMm must be a number from 15 to 100/],
    [40, 100.5, /labelHeightMm/],
    [Number.NaN, 25, /labelWidthMm/],
    [40, Number.POSITIVE_INFINITY, /labelHeightMm/],
    ['40', 25, /labelWidthMm/],
    [40, null, /labelHeightMm/],
  ])('refuses %p × %p mm', (w, h, message) => {
    const opts = { labelWidthMm: w, labelHeightMm: h } as unknown as Parameters<typeof sheetLayout>[0];
    expect(() => validateLabelSize(opts)).toThrow(RangeError);
    expect(() => validateLabelSize(opts)).toThrow(message);
    expect(() => sheetLayout(opts)).toThrow(message);
  });
});

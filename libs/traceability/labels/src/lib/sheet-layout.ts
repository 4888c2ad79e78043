/** Size of one label on the A4 sheet, in millimetres. */
export interface LabelSheetOptions {
  /** 25–100 mm. */
  labelWidthMm: number;
  /** 15–100 mm. */
  labelHeightMm: number;
  /**
   * Short grey cut marks in the sheet margin at every column and row boundary (never on a label, so they cannot
   * touch a QR code's quiet zone). Default true.
   */
  cutGuides?: boolean;
}

/** A common small product label (5 × 11 = 55 a sheet). */
export const DEFAULT_LABEL_SIZE: LabelSheetOptions = Object.freeze({ labelWidthMm: 40, labelHeightMm: 25 });

/** At most this many labels in one PDF: a batch of 180,000 stamps is 36 files a printer can open one by one. */
export const MAX_LABELS_PER_PDF = 5000;

export const LABEL_WIDTH_MM = { min: 25, max: 100 } as const;
export const LABEL_HEIGHT_MM = { min: 15, max: 100 } as const;

export const A4_MM = { width: 210, height: 297 } as const;
/** Unprintable border most office printers leave; the label grid stays inside it (and the cut marks in it). */
export const SHEET_MARGIN_MM = 5;

export const PT_PER_MM = 72 / 25.4;

/** Throws a RangeError naming the bad value unless both sizes are finite numbers within their bounds. */
export function validateLabelSize(opts: LabelSheetOptions): void {
  const check = (name: string, value: unknown, bounds: { min: number; max: number }) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < bounds.min || value > bounds.max) {
      throw new RangeError(`${name} must be a number from ${bounds.min} to ${bounds.max} mm (got ${String(value)})`);
    }
  };
  if (opts === null || typeof opts !== 'object') throw new RangeError('label size options are required');
  check('labelWidthMm', opts.labelWidthMm, LABEL_WIDTH_MM);
  check('labelHeightMm', opts.labelHeightMm, LABEL_HEIGHT_MM);
}

/**
 * How many labels fit on an A4 portrait sheet inside a 5 mm margin, labels touching (cut between them). Every
 * allowed size fits at least twice in each direction.
 */
export function sheetLayout(opts: LabelSheetOptions): { columns: number; rows: number; perPage: number } {
  validateLabelSize(opts);
  // A hair of tolerance so 40 mm labels give 5 columns in 200 mm despite floating point.
  const columns = Math.floor((A4_MM.width - 2 * SHEET_MARGIN_MM) / opts.labelWidthMm + 1e-9);
  const rows = Math.floor((A4_MM.height - 2 * SHEET_MARGIN_MM) / opts.labelHeightMm + 1e-9);
  return { columns, rows, perPage: columns * rows };
}

/** Where the grid sits on the sheet (centred), in millimetres from the top-left corner. */
export function gridOrigin(opts: LabelSheetOptions): { leftMm: number; topMm: number } {
  const { columns, rows } = sheetLayout(opts);
  return {
    leftMm: (A4_MM.width - columns * opts.labelWidthMm) / 2,
    topMm: (A4_MM.height - rows * opts.labelHeightMm) / 2,
  };
}

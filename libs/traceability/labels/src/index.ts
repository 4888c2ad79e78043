export { DEFAULT_LABEL_SIZE, MAX_LABELS_PER_PDF, LABEL_WIDTH_MM, LABEL_HEIGHT_MM, sheetLayout, validateLabelSize } from './lib/sheet-layout';
export type { LabelSheetOptions } from './lib/sheet-layout';
export { writeLabelPdf } from './lib/label-pdf';
export type { LabelPdfResult } from './lib/label-pdf';
export type { StampLabel } from './lib/stamp-label';
export { writeStampCsv, STAMP_CSV_COLUMNS } from './lib/stamp-csv';

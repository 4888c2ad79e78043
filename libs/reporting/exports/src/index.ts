export type { LocalText, ProvinceReport, ReportCommuneRow, ReportFigure, ReportFunnel, ReportFunnelSummary, ReportSeries, ReportSeriesPoint } from './lib/report-data';
export { reportXlsx, XLSX_SHEETS } from './lib/report-xlsx';
export { reportCsv, REPORT_CSV_TABLES, type ReportCsvTable } from './lib/report-csv';
export { reportPdf } from './lib/report-pdf';
export { openDataFiles, OPEN_DATA_DICTIONARY, OPEN_DATA_LICENCE, type OpenDataColumn, type OpenDataFile, type OpenDataFiles, type OpenDataRow } from './lib/open-data';
export { provinceReportFrom } from './lib/report-from-dtos';

import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { StampLabel } from './stamp-label';
import { abandon, drained } from './streams';

export const STAMP_CSV_COLUMNS = ['serial', 'url', 'product', 'producer', 'lot'] as const;

/**
 * Writes the stamps as CSV for industrial label printers and spreadsheets, and ends `out`: header
 * `serial,url,product,producer,lot`, RFC 4180 (CRLF, fields with commas, quotes or line breaks quoted, quotes
 * doubled), UTF-8 with a byte-order mark so Excel reads Vietnamese correctly. Text starting with = + - @ (or a tab
 * or carriage return) gets a leading apostrophe so a spreadsheet does not run it as a formula (CSV injection: product
 * names are typed by sellers). Memory stays flat: writing waits whenever `out` is full. On error (a failing source
 * or `out`) `out` is destroyed without an error event and the promise rejects. Resolves once `out` has finished.
 */
export async function writeStampCsv(
  labels: Iterable<StampLabel> | AsyncIterable<StampLabel>,
  out: NodeJS.WritableStream,
): Promise<{ rows: number; bytes: number }> {
  let outError: unknown = null;
  const onOutError = (err: unknown) => (outError ??= err);
  out.on('error', onOutError);
  const csv = stringify({
    bom: true,
    header: true,
    columns: [...STAMP_CSV_COLUMNS],
    record_delimiter: '\r\n',
    escape_formulas: true,
  });
  let bytes = 0;
  let rows = 0;
  // csv → out by hand rather than pipe(): pipe() stops silently when `out` fails, and the loop below would wait
  // for a drain that never comes.
  csv.on('data', (chunk: Buffer | string) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (outError) return; // the loop below stops at its next record
    if (!out.write(chunk)) {
      csv.pause();
      void drained(out, () => outError !== null).then(() => csv.resume());
    }
  });
  const csvEnded = new Promise<void>((resolve, reject) => {
    csv.once('end', resolve);
    csv.once('error', reject);
  });
  const checkOut = () => {
    if (outError) throw outError;
  };
  try {
    for await (const label of labels) {
      checkOut();
      if (!label || typeof label.serial !== 'string' || typeof label.url !== 'string') throw new TypeError(`row ${rows}: serial and url are required`);
      const record = [label.serial, label.url, (label.productName ?? '').normalize('NFC'), (label.producerName ?? '').normalize('NFC'), label.lotCode ?? ''];
      rows++;
      if (!csv.write(record)) {
        await new Promise<void>((resolve) => csv.once('drain', () => resolve()));
        checkOut();
      }
    }
    csv.end();
    await csvEnded;
    checkOut();
    out.end();
    await finished(out);
  } catch (err) {
    csv.removeAllListeners('data');
    csv.destroy();
    abandon(out);
    throw err;
  } finally {
    out.removeListener('error', onOutError);
  }
  return { rows, bytes };
}

import * as QRCode from 'qrcode';

/**
 * QR codes for stamp URLs, as PDF path operators.
 *
 * Speed matters (a batch is up to 200,000 codes), so two things `qrcode` does per call are done once:
 * - The mask is fixed. Any of the 8 masks gives a valid code; qrcode's default tries all 8 and scores each with the
 *   standard's penalty rules, which is most of its time. Pattern 0 (checkerboard) needs no penalty search and reads fine.
 * - Segmentation. qrcode finds the optimal split of a string into byte / alphanumeric / numeric segments with a
 *   graph search, which costs more than the rest of the encoding. All URLs of a batch share everything but their
 *   serial (`stampUrlFactory`), so the prefix is segmented once and cached, and the serial (upper-case letters and
 *   digits) is appended as alphanumeric data (5.5 bits a character instead of 8).
 */
export const QR_MASK_PATTERN = 0;
export const QR_ERROR_CORRECTION = 'M';

const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/;
const prefixCache = new Map<string, QRCode.QRCodeSegment[] | null>();
const PREFIX_CACHE_MAX = 64;

function segmentsOf(prefix: string): QRCode.QRCodeSegment[] | null {
  let segments = prefixCache.get(prefix);
  if (segments !== undefined) return segments;
  segments = [];
  for (const seg of QRCode.create(prefix, { errorCorrectionLevel: QR_ERROR_CORRECTION, maskPattern: QR_MASK_PATTERN }).segments) {
    const { data } = seg;
    if (typeof data !== 'string') segments.push({ mode: 'byte', data });
    else if (seg.mode.id === 'Numeric') segments.push({ mode: 'numeric', data });
    else if (seg.mode.id === 'Alphanumeric') segments.push({ mode: 'alphanumeric', data });
    else {
      segments = null; // Kanji: never for URLs; let qrcode handle the whole string
      break;
    }
  }
  if (prefixCache.size >= PREFIX_CACHE_MAX) prefixCache.clear();
  prefixCache.set(prefix, segments);
  return segments;
}

/** The QR symbol (error correction M, fixed mask) of a stamp URL; `serial` is the URL's tail when it ends with it. */
export function encodeStampQr(url: string, serial?: string): QRCode.BitMatrix {
  const options = { errorCorrectionLevel: QR_ERROR_CORRECTION, maskPattern: QR_MASK_PATTERN } as const;
  if (serial && url.length > serial.length && url.endsWith(serial) && ALPHANUMERIC.test(serial)) {
    const prefix = segmentsOf(url.slice(0, url.length - serial.length));
    if (prefix) {
      const last = prefix[prefix.length - 1];
      const segments: QRCode.QRCodeSegment[] =
        last?.mode === 'alphanumeric'
          ? [...prefix.slice(0, -1), { mode: 'alphanumeric', data: last.data + serial }]
          : [...prefix, { mode: 'alphanumeric', data: serial }];
      return QRCode.create(segments, options).modules;
    }
  }
  return QRCode.create(url, options).modules;
}

/**
 * The dark modules of a symbol as rectangles in module units (x, y from the top-left module, y downwards):
 * horizontal runs, with a run merged into the one above when it covers the same columns. About a third fewer
 * rectangles than one per run, and no seams between rows when a renderer anti-aliases.
 * Output: `x y w h re` operators, one per line, offset by `quiet` modules on both axes.
 */
export function qrRectangles(modules: QRCode.BitMatrix, quiet: number): string {
  const size = modules.size;
  const data = modules.data;
  // Open rectangles from the previous row, by starting column: width and top row; -1 = none.
  const openWidth = new Int16Array(size).fill(-1);
  const openTop = new Int16Array(size);
  const rowWidth = new Int16Array(size);
  let out = '';
  const emit = (x: number, top: number, w: number, bottom: number) => {
    out += `${x + quiet} ${top + quiet} ${w} ${bottom - top} re\n`;
  };
  for (let y = 0; y <= size; y++) {
    rowWidth.fill(-1);
    if (y < size) {
      const base = y * size;
      let x = 0;
      while (x < size) {
        if (!data[base + x]) {
          x++;
          continue;
        }
        const start = x;
        while (x < size && data[base + x]) x++;
        rowWidth[start] = x - start;
      }
    }
    for (let x = 0; x < size; x++) {
      const w = openWidth[x];
      if (w < 0) continue;
      if (rowWidth[x] === w) {
        rowWidth[x] = -2; // continues the open rectangle
      } else {
        emit(x, openTop[x], w, y);
        openWidth[x] = -1;
      }
    }
    for (let x = 0; x < size; x++) {
      const w = rowWidth[x];
      if (w > 0) {
        openWidth[x] = w;
        openTop[x] = y;
      }
    }
  }
  return out;
}

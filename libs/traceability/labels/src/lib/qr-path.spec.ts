import * as QRCode from 'qrcode';
import { QR_MASK_PATTERN, encodeStampQr, qrRectangles } from './qr-path';

const SERIAL = 'ABCDEFGHJKMNP2';
const GS1_URL = `https://nongsanso.vn/01/08935049500407/10/CHE-2026-01/21/${SERIAL}`;

/** Paints the rectangles on a grid; throws when two overlap. */
function paint(ops: string, size: number, quiet: number): Uint8Array {
  const grid = new Uint8Array(size * size);
  for (const line of ops.trim().split('\n')) {
    const m = /^(\d+) (\d+) (\d+) (\d+) re$/.exec(line);
    if (!m) throw new Error(`not a rectangle: ${line}`);
    const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
    for (let row = y - quiet; row < y - quiet + h; row++) {
      for (let col = x - quiet; col < x - quiet + w; col++) {
        if (grid[row * size + col]) throw new Error(`overlap at ${col},${row}`);
        grid[row * size + col] = 1;
      }
    }
  }
  return grid;
}

describe('QR codes as PDF rectangles', () => {
  it('cover exactly the dark modules, without overlap, in fewer rectangles than horizontal runs', () => {
    for (const url of [GS1_URL, `https://nongsanso.vn/t/${SERIAL}`, 'https://example.org/some/other/path?x=1']) {
      const modules = encodeStampQr(url, SERIAL);
      const ops = qrRectangles(modules, 2);
      expect(Array.from(paint(ops, modules.size, 2))).toEqual(Array.from(modules.data));
      let runs = 0;
      for (let i = 0; i < modules.data.length; i++) if (modules.data[i] && (i % modules.size === 0 || !modules.data[i - 1])) runs++;
      expect(ops.trim().split('\n').length).toBeLessThan(runs * 0.9);
    }
  });

  it('encodes with error correction M and the fixed mask, the serial as alphanumeric data after the cached prefix', () => {
    const modules = encodeStampQr(GS1_URL, SERIAL);
    // The prefix split (byte, numeric GTIN, alphanumeric) plus the serial: version 4 (33 modules), like qrcode's own
    // optimal segmentation of the whole URL.
    expect(modules.size).toBe(QRCode.create(GS1_URL, { errorCorrectionLevel: 'M' }).modules.size);
    expect(modules.size).toBe(33);
    const reference = QRCode.create(GS1_URL, { errorCorrectionLevel: 'M', maskPattern: QR_MASK_PATTERN });
    expect(Array.from(modules.data)).toEqual(Array.from(reference.modules.data));
    // Format information (row 8, columns 0–5) carries level M (bits 00) and mask 0: 101010000010010 after the XOR mask.
    const format = [0, 1, 2, 3, 4, 5, 7, 8].map((c) => modules.get(8, c)).join('');
    expect(format).toBe('10101000');
  });

  it('falls back to qrcode on its own when the URL does not end with the serial', () => {
    const url = 'https://nongsanso.vn/t/abc';
    expect(Array.from(encodeStampQr(url, SERIAL).data)).toEqual(
      Array.from(QRCode.create(url, { errorCorrectionLevel: 'M', maskPattern: QR_MASK_PATTERN }).modules.data),
    );
  });
});

import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { formatSerial, newSerials, stampUrlFactory } from '@nss/trace-codes';
import PDFDocument from 'pdfkit';
import { writeLabelPdf } from './label-pdf';
import { isPdfkitStream } from './pdfkit-page';
import type { StampLabel } from './stamp-label';
import { DEFAULT_LABEL_SIZE, LabelSheetOptions, MAX_LABELS_PER_PDF, gridOrigin, sheetLayout } from './sheet-layout';

/**
 * Labels are read back the way a printer and a phone would see them: each page rasterised by poppler's pdftoppm
 * at 300 dpi, cut into one image per label, and every image decoded by zbar (Debian's zbarimg). Cutting matters:
 * zbar decoding a whole sheet at once finds only some of 55 codes (its finder-pattern grouping gives up on crowded
 * images), while a phone looks at one label. Both tools come from poppler-utils and zbar-tools (npm test's system
 * stage installs them); when missing, the test fails and says so.
 */
function tool(cmd: string, args: string[], okCodes = [0]): string {
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${cmd} is not installed: these tests read the PDFs back with it (apt-get install poppler-utils zbar-tools)`);
  }
  if (res.error) throw res.error;
  if (!okCodes.includes(res.status ?? -1)) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}: ${res.stderr}`);
  return res.stdout;
}

const DPI = 300;

/** A binary PGM (what `pdftoppm -gray` writes) as width, height and pixels. */
function readPgm(file: string): { width: number; height: number; pixels: Buffer } {
  const buf = readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error(`${file} is not an 8-bit PGM`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: buf.subarray(header[0].length) };
}

/** Rasterises every page, cuts out every label position and decodes all of them with one zbarimg run. */
function decodeLabels(pdf: string, opts: LabelSheetOptions, labelCount: number, work: string): string[] {
  tool('pdftoppm', ['-r', String(DPI), '-gray', pdf, join(work, 'page')]);
  const pages = readdirSync(work)
    .filter((f) => /^page-\d+\.pgm$/.test(f))
    .sort();
  const { columns, perPage } = sheetLayout(opts);
  const { leftMm, topMm } = gridOrigin(opts);
  const px = (mm: number) => Math.round((mm * DPI) / 25.4);
  const tiles: string[] = [];
  for (let i = 0; i < labelCount; i++) {
    const page = readPgm(join(work, pages[Math.floor(i / perPage)] ?? 'missing-page'));
    const slot = i % perPage;
    const x0 = px(leftMm + (slot % columns) * opts.labelWidthMm);
    const y0 = px(topMm + Math.floor(slot / columns) * opts.labelHeightMm);
    const w = px(opts.labelWidthMm);
    const h = px(opts.labelHeightMm);
    const tile = Buffer.alloc(w * h);
    for (let y = 0; y < h; y++) page.pixels.copy(tile, y * w, (y0 + y) * page.width + x0, (y0 + y) * page.width + x0 + w);
    const file = join(work, `label-${String(i).padStart(4, '0')}.pgm`);
    writeFileSync(file, Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1'), tile]));
    tiles.push(file);
  }
  // Exit status 4 = no symbol found in some image: the comparison below reports which URLs are missing.
  return tool('zbarimg', ['--raw', '-q', ...tiles], [0, 4])
    .split('\n')
    .filter(Boolean);
}

function pdfText(pdf: string): string {
  return tool('pdftotext', ['-enc', 'UTF-8', pdf, '-']).normalize('NFC');
}

const gs1Url = stampUrlFactory({ baseUrl: 'https://nongsanso.vn', gtin: '8935049500407', lotCode: 'CHE-2026-01' });
const shortUrl = stampUrlFactory({ baseUrl: 'http://localhost:4200' });

function teaLabels(count: number, url = gs1Url): StampLabel[] {
  return newSerials(count).map((serial) => ({
    serial,
    url: url(serial),
    productName: 'Chè Thái Nguyên',
    producerName: 'HTX Chè Tân Cương',
    lotCode: 'CHE-2026-01',
  }));
}

describe('PDF label sheets', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'trace-labels-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  async function writeFile(labels: Iterable<StampLabel> | AsyncIterable<StampLabel>, opts: LabelSheetOptions) {
    const file = join(work, 'labels.pdf');
    const result = await writeLabelPdf(labels, createWriteStream(file), opts);
    return { file, result };
  }

  it('prints 60 labels on two A4 pages whose QR codes a real decoder reads back, each URL exactly once', async () => {
    const labels = teaLabels(60);
    const { file, result } = await writeFile(labels, DEFAULT_LABEL_SIZE);
    expect(result).toEqual({ labels: 60, pages: 2, bytes: statSync(file).size });

    const decoded = decodeLabels(file, DEFAULT_LABEL_SIZE, labels.length, work);
    expect(decoded.sort()).toEqual(labels.map((l) => l.url).sort());

    const pdf = readFileSync(file).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
    // Vector, compressed, fonts embedded as subsets: no images at all, every content stream deflated.
    expect(pdf).not.toMatch(/\/Subtype \/Image/);
    expect(pdf).toMatch(/\/Filter \/FlateDecode/);
    expect(pdf.match(/\/FontFile2 /g)).toHaveLength(3);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
  }, 60_000);

  it('writes Vietnamese names and the grouped serial as real, extractable text', async () => {
    const labels: StampLabel[] = newSerials(3).map((serial, i) => ({
      serial,
      url: shortUrl(serial),
      productName: ['Gạo ST25', 'Mật ong bạc hà', 'Bưởi Diễn'][i] ?? '',
      // Decomposed input (as some keyboards send it) is printed as the same precomposed letters.
      producerName: ['HTX Nông nghiệp Hồng Đức', 'Hợp tác xã Đồng Văn'.normalize('NFD'), 'Hộ ông Nguyễn Văn Ất'][i] ?? '',
    }));
    const { file } = await writeFile(labels, { labelWidthMm: 70, labelHeightMm: 37 });
    const text = pdfText(file).replace(/\s+/g, ' ');
    for (const name of ['Gạo ST25', 'Mật ong bạc hà', 'Bưởi Diễn', 'HTX Nông nghiệp Hồng Đức', 'Hợp tác xã Đồng Văn', 'Hộ ông Nguyễn Văn Ất']) {
      expect(text).toContain(name);
    }
    for (const l of labels) expect(text).toContain(formatSerial(l.serial));
  }, 30_000);

  it.each([
    ['the smallest label', { labelWidthMm: 25, labelHeightMm: 15 }],
    ['a square label (QR above the text)', { labelWidthMm: 30, labelHeightMm: 30 }],
    ['a tall label', { labelWidthMm: 30, labelHeightMm: 60 }],
    ['the largest label', { labelWidthMm: 100, labelHeightMm: 100 }],
  ])('%s reads back too, with long names cut to fit', async (_name, size) => {
    const labels = newSerials(6).map((serial, i) => ({
      serial,
      url: i % 2 ? gs1Url(serial) : shortUrl(serial),
      productName: 'Chè búp Thái Nguyên đặc sản Tân Cương loại thượng hạng hộp quà tặng 500 g',
      producerName: 'Hợp tác xã chè Tân Cương Hoàng Bình, xã Phúc Xuân, tỉnh Thái Nguyên',
      lotCode: i % 3 ? 'LOT-2026-0001' : undefined,
    }));
    const { file } = await writeFile(labels, size);
    expect(decodeLabels(file, size, labels.length, work).sort()).toEqual(labels.map((l) => l.url).sort());
    // Nothing is drawn outside the label: every serial is complete in the text.
    const text = pdfText(file).replace(/\s+/g, ' ');
    for (const l of labels) expect(text).toContain(formatSerial(l.serial));
  }, 60_000);

  it("finds pdfkit's page content stream where it expects it (else pages fall back to pdfkit's slower deflate)", () => {
    const doc = new PDFDocument({ size: 'A4' });
    expect(isPdfkitStream((doc as unknown as { page: { content: unknown } }).page.content)).toBe(true);
    doc.end();
  });

  it('stays under 1.5 KB a label', async () => {
    const labels = teaLabels(550);
    const sink = new PassThrough();
    sink.resume();
    const { bytes, pages } = await writeLabelPdf(labels, sink, DEFAULT_LABEL_SIZE);
    expect(pages).toBe(10);
    expect(bytes / labels.length).toBeLessThan(1500);
  }, 30_000);

  it('streams page by page: waits for a slow destination and loses nothing', async () => {
    const chunks: Buffer[] = [];
    let writesBeforeEnd = 0;
    let producing = true;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        if (producing) writesBeforeEnd++;
        setTimeout(done, 1);
      },
    });
    async function* source() {
      for (const label of teaLabels(170)) yield label;
      producing = false;
    }
    const result = await writeLabelPdf(source(), slow, DEFAULT_LABEL_SIZE);
    const pdf = Buffer.concat(chunks);
    expect(result).toEqual({ labels: 170, pages: 4, bytes: pdf.length });
    // Pages went out while labels were still being made, not all at the end.
    expect(writesBeforeEnd).toBeGreaterThan(0);
    expect(pdf.subarray(-6).toString().trim()).toBe('%%EOF');
  }, 30_000);

  it(`refuses more than ${MAX_LABELS_PER_PDF} labels, given as an array or produced one by one`, async () => {
    const labels = teaLabels(MAX_LABELS_PER_PDF + 1, shortUrl);
    const out = new PassThrough();
    await expect(writeLabelPdf(labels, out, DEFAULT_LABEL_SIZE)).rejects.toThrow(`at most ${MAX_LABELS_PER_PDF} labels a PDF`);
    expect(out.destroyed).toBe(true);

    let produced = 0;
    function* oneByOne() {
      for (const label of labels) {
        produced++;
        yield label;
      }
    }
    const streamed = new PassThrough();
    streamed.resume();
    await expect(writeLabelPdf(oneByOne(), streamed, DEFAULT_LABEL_SIZE)).rejects.toThrow(RangeError);
    expect(produced).toBe(MAX_LABELS_PER_PDF + 1);
    expect(streamed.destroyed).toBe(true);
  }, 60_000);

  it('refuses a bad label size or a bad label, and a failing destination, without hanging', async () => {
    await expect(writeLabelPdf([], new PassThrough(), { labelWidthMm: 20, labelHeightMm: 25 })).rejects.toThrow(/labelWidthMm/);
    const good = teaLabels(1)[0] as StampLabel;
    await expect(writeLabelPdf([{ ...good, url: '' }], new PassThrough(), DEFAULT_LABEL_SIZE)).rejects.toThrow(/label 0: url/);
    await expect(writeLabelPdf([{ ...good, url: `https://x.vn/${'a'.repeat(300)}` }], new PassThrough(), DEFAULT_LABEL_SIZE)).rejects.toThrow(/url/);

    const broken = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('disk full'));
      },
    });
    await expect(writeLabelPdf(teaLabels(120), broken, DEFAULT_LABEL_SIZE)).rejects.toThrow('disk full');
  }, 30_000);

  it('draws cut marks in the margin only (never on a label), and none when asked', async () => {
    const { leftMm, topMm } = gridOrigin(DEFAULT_LABEL_SIZE);
    const px = (mm: number) => Math.round((mm * DPI) / 25.4);
    /** The darkest pixel of a 5-pixel-wide strip centred on the grid's left edge, from y0 to y1 mm. */
    const darkest = (page: ReturnType<typeof readPgm>, y0: number, y1: number) => {
      let min = 255;
      for (let y = px(y0); y < px(y1); y++) {
        for (let x = px(leftMm) - 2; x <= px(leftMm) + 2; x++) min = Math.min(min, page.pixels[y * page.width + x] ?? 255);
      }
      return min;
    };
    for (const cutGuides of [true, false]) {
      const file = join(work, `guides-${cutGuides}.pdf`);
      await writeLabelPdf(teaLabels(5), createWriteStream(file), { ...DEFAULT_LABEL_SIZE, cutGuides });
      tool('pdftoppm', ['-r', String(DPI), '-gray', '-f', '1', '-l', '1', file, join(work, `guides-${cutGuides}`)]);
      const page = readPgm(join(work, `guides-${cutGuides}-1.pgm`));
      const inMargin = darkest(page, topMm - 3.2, topMm - 0.6);
      if (cutGuides) expect(inMargin).toBeLessThan(220);
      else expect(inMargin).toBe(255);
      // Along the first label's left edge (its padding), the sheet stays white either way.
      expect(darkest(page, topMm + 0.5, topMm + DEFAULT_LABEL_SIZE.labelHeightMm - 0.5)).toBe(255);
    }
  }, 30_000);
});

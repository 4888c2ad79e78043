// Label sheets benchmark: `node tools/bench/labels-bench.mjs [N] [widthMm heightMm]` (N = 5000, 40 × 25 mm).
//
// Measures @nss/trace-labels (loaded from its TypeScript source through @swc-node/register) against the naive
// baseline the stamp pipeline is judged by: `qrcode.toString(url, { type: 'svg' })` for the same N URLs, in the
// same process. Both are warmed up first, then each runs BENCH_ROUNDS times (2) in turn and the best time counts.
//   labels  N labels written as PDF sheets (≤ 5,000 a file, like the worker) plus the printer CSV, to
//           bench/out/labels/ (left there to open or print).
//   svg     N SVG QR codes from the same URLs (error correction M, qrcode's default), kept only as strings.
// Prints labels/s, SVG encodes/s, the ratio (label time ÷ SVG time: below 1 the labels are the faster), PDF bytes
// per label and the peak resident memory while labels were written; writes bench/results/labels.json.
// Targets: ratio < 1 (the stamp pipeline adds serials and the database to this and must still beat the SVGs),
// ≤ 1,500 bytes a label.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { repoRoot, say } from '../scripts/lib/proc.mjs';

const require = createRequire(import.meta.url);
process.env.SWC_NODE_PROJECT ??= path.join(repoRoot, 'tsconfig.base.json');
require('@swc-node/register');
const QRCode = require('qrcode');
const { writeLabelPdf, writeStampCsv, MAX_LABELS_PER_PDF, DEFAULT_LABEL_SIZE, sheetLayout } = require(path.join(repoRoot, 'libs/traceability/labels/src/index.ts'));
const { newSerials, stampUrlFactory } = require(path.join(repoRoot, 'libs/traceability/codes/src/index.ts'));

const N = Number(process.argv[2] ?? 5000);
const SIZE = process.argv[4] ? { labelWidthMm: Number(process.argv[3]), labelHeightMm: Number(process.argv[4]) } : DEFAULT_LABEL_SIZE;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TARGETS = { ratio: 1, bytesPerLabel: 1500 };
const OUT_DIR = path.join(repoRoot, 'bench/out/labels');

if (!Number.isInteger(N) || N < 1) throw new Error('N must be a positive integer');

// A realistic batch: one lot of one product with a GTIN, so every URL is a GS1 Digital Link.
const url = stampUrlFactory({ baseUrl: process.env.TRACE_BASE_URL ?? 'https://truyxuat.nongsanso.vn', gtin: '8935049500407', lotCode: 'TN-2026-0412' });
const labels = newSerials(N).map((serial) => ({
  serial,
  url: url(serial),
  productName: 'Chè búp Thái Nguyên đặc sản Tân Cương',
  producerName: 'HTX Chè Tân Cương Hoàng Bình',
  lotCode: 'TN-2026-0412',
}));

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

async function svg(list) {
  let chars = 0;
  for (const l of list) chars += (await QRCode.toString(l.url, { type: 'svg', errorCorrectionLevel: 'M' })).length;
  return chars;
}

async function labelFiles(list, dir) {
  fs.mkdirSync(dir, { recursive: true });
  let pdfBytes = 0;
  let pages = 0;
  let files = 0;
  for (let start = 0; start < list.length; start += MAX_LABELS_PER_PDF) {
    const part = list.slice(start, start + MAX_LABELS_PER_PDF);
    const r = await writeLabelPdf(part, fs.createWriteStream(path.join(dir, `labels-${String(++files).padStart(3, '0')}.pdf`)), SIZE);
    pdfBytes += r.bytes;
    pages += r.pages;
  }
  const csv = await writeStampCsv(list, fs.createWriteStream(path.join(dir, 'stamps.csv')));
  return { pdfBytes, pages, files, csvBytes: csv.bytes };
}

async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function main() {
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  say(`${N} labels of ${SIZE.labelWidthMm} × ${SIZE.labelHeightMm} mm (${sheetLayout(SIZE).perPage} a page) vs ${N} qrcode SVGs; warming up`);
  const warm = labels.slice(0, Math.min(N, 500));
  await svg(warm);
  await labelFiles(warm, path.join(os.tmpdir(), `nss-labels-warmup-${process.pid}`));
  fs.rmSync(path.join(os.tmpdir(), `nss-labels-warmup-${process.pid}`), { recursive: true, force: true });

  const rssBefore = process.memoryUsage().rss;
  let best = { labels: Infinity, svg: Infinity };
  let files;
  for (let round = 1; round <= ROUNDS; round++) {
    const s = await timed(() => svg(labels));
    const timer = setInterval(sampleRss, 20);
    const l = await timed(() => labelFiles(labels, OUT_DIR));
    clearInterval(timer);
    sampleRss();
    files = l.value;
    say(`round ${round}: labels ${(l.ms / 1000).toFixed(2)} s, svg ${(s.ms / 1000).toFixed(2)} s`);
    best = { labels: Math.min(best.labels, l.ms), svg: Math.min(best.svg, s.ms) };
  }

  const ratio = Math.round((best.labels / best.svg) * 1000) / 1000;
  const bytesPerLabel = Math.round(files.pdfBytes / N);
  const summary = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10), node: process.version },
    setup: { labels: N, labelSize: SIZE, perPage: sheetLayout(SIZE).perPage, rounds: ROUNDS, baseline: "qrcode.toString(url, { type: 'svg', errorCorrectionLevel: 'M' })" },
    ratio,
    results: {
      labels: {
        seconds: Math.round(best.labels) / 1000,
        labelsPerSec: Math.round((N / best.labels) * 1000),
        pdfFiles: files.files,
        pages: files.pages,
        pdfBytes: files.pdfBytes,
        bytesPerLabel,
        csvBytes: files.csvBytes,
        rssBeforeMb: Math.round(rssBefore / 1048576),
        peakRssMb: Math.round(peakRss / 1048576),
      },
      svg: { seconds: Math.round(best.svg) / 1000, encodesPerSec: Math.round((N / best.svg) * 1000) },
    },
    targets: TARGETS,
  };
  summary.meetsTargets = { ratio: ratio < TARGETS.ratio, bytesPerLabel: bytesPerLabel <= TARGETS.bytesPerLabel };

  const met = (ok) => (ok ? 'met' : 'NOT met');
  console.log('');
  console.log(`labels (PDF + CSV)  ${String(summary.results.labels.labelsPerSec).padStart(7)} labels/s   ${summary.results.labels.seconds} s`);
  console.log(`qrcode SVG          ${String(summary.results.svg.encodesPerSec).padStart(7)} codes/s    ${summary.results.svg.seconds} s`);
  console.log(`ratio (labels ÷ svg time) ${ratio} → target < ${TARGETS.ratio}: ${met(summary.meetsTargets.ratio)}`);
  console.log(`PDF ${files.files} file(s), ${files.pages} pages, ${bytesPerLabel} bytes a label → target ≤ ${TARGETS.bytesPerLabel}: ${met(summary.meetsTargets.bytesPerLabel)}`);
  console.log(`CSV ${files.csvBytes} bytes; peak RSS ${summary.results.labels.peakRssMb} MB (${summary.results.labels.rssBeforeMb} MB before)`);
  console.log(`machine: ${summary.machine.cpus} CPUs, load average ${summary.machine.loadAverage.join(' / ')}`);

  const out = path.join(repoRoot, 'bench/results/labels.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  say(`wrote ${path.relative(repoRoot, out)}; files in ${path.relative(repoRoot, OUT_DIR)}/`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

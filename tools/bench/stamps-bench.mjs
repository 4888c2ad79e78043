// Stamp batch benchmark: `npm run bench:stamps -- [N]` (N = 180000, the province's campaign).
//
// Starts its own FerretDB and Redis (tools/scripts/lib/infra.mjs; MONGODB_URI / REDIS_URL override), builds and starts
// the worker as in production (`node dist/apps/worker/main.js`), writes one approved batch of N stamps and queues its
// `stamps.generate` job, and times the real pipeline until the batch is ready: serials inserted in chunks of 1,000,
// progress and cancel checks, the label PDFs (≤ 5,000 labels a file) and the CSV into media storage, the issued event.
// Baseline (issue 7 § 9), measured in the same run: the time `qrcode` needs just to encode the same N stamp URLs as SVG
// QR codes (error correction M), in this process. For reference it also times a bare `insertMany` of N documents of
// the stamps' shape and size in chunks of 1,000 on the same database (what storing them costs at the least).
// Prints labels/s and the ratio (pipeline time ÷ qrcode SVG time; target ≤ 1.0), PDF bytes a label and the worker's
// peak RSS; checks the batch (exactly N distinct stamps, seq 0 … N−1); writes bench/results/stamps.json and leaves the
// batch's files (PDFs, CSV) under bench/out/stamps/.
// Options (env): BENCH_SKIP_BUILD=1 (use the existing dist/apps/worker).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { freePort, startMongo, startRedis } from '../scripts/lib/infra.mjs';
import { installShutdownHandlers, killAll, repoRoot, runCommand, say, setLogDir, spawnService } from '../scripts/lib/proc.mjs';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId } = require('mongodb');
const { Queue } = require('bullmq');
const QRCode = require('qrcode');

const N = Number(process.argv[2] ?? 180_000);
const CHUNK = 1000;
const MAX_LABELS_PER_PDF = 5000;
if (!Number.isInteger(N) || N < 1 || N > 200_000) throw new Error('N must be a whole number from 1 to 200,000');

installShutdownHandlers();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nss-bench-stamps-'));
// The batch's files stay for a look after the run (bench/out is git-ignored); the previous run's are replaced.
const mediaDir = path.join(repoRoot, 'bench/out/stamps');
fs.rmSync(mediaDir, { recursive: true, force: true });
fs.mkdirSync(mediaDir, { recursive: true });
setLogDir(path.join(repoRoot, '.run', 'bench-logs'));

// Serials as @nss/trace-codes makes them, for the baseline documents (same length and alphabet).
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function serial() {
  const bytes = randomBytes(32);
  let data = '';
  for (const b of bytes) if (b < 248 && data.length < 13) data += ALPHABET[b % 31];
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += (i + 1) * ALPHABET.indexOf(data[i]);
  return data + ALPHABET[(((31 - (sum % 31)) % 31) * 20) % 31];
}

function withDatabase(uri, db) {
  const url = new URL(uri);
  url.pathname = `/${db}`;
  return url.toString();
}

/** The same fields a stamp has when the worker stores it. */
function stampLike(batchId, seq, owner) {
  return {
    _id: serial(),
    batchId,
    seq,
    ...owner,
    status: 'inactive',
    activatedAt: null,
    printRun: null,
    voidReason: null,
    firstScanAt: null,
    scanCount: 0,
    lastScans: [],
    soldOrderId: null,
    soldAt: null,
    lockFence: null,
  };
}

/** Peak resident memory of a process (Linux: VmHWM), MB. */
function peakRssMb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function main() {
  const [mongoPort, redisPort] = [await freePort(), await freePort()];
  const baseMongo = await startMongo({ dataDir: path.join(workDir, 'ferretdb'), port: mongoPort, db: 'bench_stamps', name: 'bench-ferretdb' });
  const mongoUri = withDatabase(baseMongo, `bench_stamps_${randomBytes(3).toString('hex')}`);
  const redisUrl = await startRedis({ dir: path.join(workDir, 'redis'), port: redisPort, persist: false, name: 'bench-redis' });

  if (process.env.BENCH_SKIP_BUILD !== '1') {
    say('building the worker (npx nx build worker)');
    const { code } = await runCommand('nx-build-worker', 'npx', ['nx', 'build', 'worker'], { timeoutMs: 10 * 60_000, logFile: 'nx-build-worker.log' });
    if (code !== 0) throw new Error('nx build worker failed (see .run/bench-logs/nx-build-worker.log)');
  }
  const mainJs = path.join(repoRoot, 'dist/apps/worker/main.js');
  if (!fs.existsSync(mainJs)) throw new Error(`${mainJs} is missing: build the worker first`);

  const client = await MongoClient.connect(mongoUri);
  const db = client.db();
  const owner = { lotId: new ObjectId().toHexString(), productId: new ObjectId().toHexString(), sellerId: new ObjectId().toHexString(), provinceCode: '19', communeCode: '05503' };
  const queue = new Queue('stamps', { connection: { url: redisUrl } });
  try {
    // Baseline: bare insertMany of N stamp-shaped documents, chunks of 1,000, into a collection with the same unique index.
    const baseline = db.collection('baseline_stamps');
    await baseline.createIndex({ batchId: 1, seq: 1 }, { unique: true });
    say(`baseline: insertMany of ${N} documents in chunks of ${CHUNK}`);
    const sample = JSON.stringify(stampLike('x'.repeat(24), 0, owner));
    const t0 = performance.now();
    for (let from = 0; from < N; from += CHUNK) {
      const docs = [];
      for (let seq = from; seq < Math.min(N, from + CHUNK); seq++) docs.push(stampLike('baseline', seq, owner));
      await baseline.insertMany(docs, { ordered: false });
    }
    const baselineMs = performance.now() - t0;
    await baseline.drop();

    // The baseline: qrcode alone, N SVG QR codes of URLs as long as the batch's (GS1 Digital Link with a GTIN).
    say(`baseline: qrcode.toString(url, { type: 'svg' }) for ${N} URLs`);
    const t2 = performance.now();
    let svgChars = 0;
    for (let i = 0; i < N; i++) {
      const url = `https://truyxuat.nongsanso.vn/01/08935049500407/10/TN-2026-0412/21/${serial()}`;
      svgChars += (await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M' })).length;
    }
    const qrcodeMs = performance.now() - t2;

    say('starting the worker');
    const worker = spawnService('bench-worker', process.execPath, [mainJs], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        MONGODB_URI: mongoUri,
        REDIS_URL: redisUrl,
        JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
        MEDIA_DIR: mediaDir,
        LOG_LEVEL: 'warn',
        TRACE_BASE_URL: 'https://truyxuat.nongsanso.vn',
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const batchId = new ObjectId();
    const now = new Date();
    await db.collection('stamp_batches').insertOne({
      _id: batchId,
      code: `LT${randomBytes(4).toString('hex').toUpperCase()}`,
      lotCode: 'TN-2026-0412',
      productName: 'Chè búp Thái Nguyên đặc sản Tân Cương',
      gtin: '8935049500407',
      sellerName: 'HTX Chè Tân Cương Hoàng Bình',
      ...owner,
      quantity: N,
      labelSize: { widthMm: 40, heightMm: 25 },
      status: 'approved',
      autoApproved: false,
      requestedByUserId: new ObjectId().toHexString(),
      decidedByUserId: new ObjectId().toHexString(),
      decidedAt: now,
      rejectReason: null,
      made: 0,
      filesDone: 0,
      files: [],
      startedAt: null,
      finishedAt: null,
      cancelRequested: false,
      error: null,
      activations: 0,
      activated: 0,
      voidings: 0,
      lockFence: null,
      createdAt: now,
      updatedAt: now,
    });
    say(`batch of ${N} stamps queued`);
    const t1 = performance.now();
    await queue.add('stamps.generate', { batchId: batchId.toHexString() }, { jobId: `stamps.generate__${batchId.toHexString()}`, attempts: 1, removeOnComplete: true });
    let batch;
    let lastSaid = 0;
    for (;;) {
      batch = await db.collection('stamp_batches').findOne({ _id: batchId });
      if (batch.status === 'ready') break;
      if (batch.status === 'failed' || batch.status === 'cancelled') throw new Error(`the batch ended ${batch.status}: ${batch.error}`);
      if (!worker.isAlive()) throw new Error(`the worker exited (see ${worker.logFile})`);
      if (performance.now() - lastSaid > 10_000) {
        lastSaid = performance.now();
        say(`  ${batch.made} / ${N} stamps, ${batch.filesDone} files`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const pipelineMs = performance.now() - t1;
    const pid = worker.pid;
    const peak = pid ? peakRssMb(pid) : null;

    const count = await db.collection('stamps').countDocuments({ batchId: batchId.toHexString() });
    const seqs = new Set();
    for await (const s of db.collection('stamps').find({ batchId: batchId.toHexString() }, { projection: { seq: 1 } })) seqs.add(s.seq);
    const exact = count === N && seqs.size === N && [...seqs].every((s) => s >= 0 && s < N);
    const pdfs = batch.files.filter((f) => f.kind === 'pdf');
    const pdfBytes = pdfs.reduce((sum, f) => sum + f.bytes, 0);
    const csv = batch.files.find((f) => f.kind === 'csv');

    const summary = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10), node: process.version },
      setup: { stamps: N, chunk: CHUNK, labelsPerPdf: MAX_LABELS_PER_PDF, database: 'FerretDB 1.24.2 (SQLite)', baseline: `qrcode.toString(url, { type: 'svg', errorCorrectionLevel: 'M' }) for ${N} stamp URLs`, reference: `bare insertMany of ${N} stamp-shaped documents (${Buffer.byteLength(sample)} bytes of JSON each), chunks of ${CHUNK}` },
      ratio: Math.round((pipelineMs / qrcodeMs) * 1000) / 1000,
      results: {
        pipeline: {
          seconds: Math.round(pipelineMs) / 1000,
          labelsPerSec: Math.round((N / pipelineMs) * 1000),
          pdfFiles: pdfs.length,
          pdfBytes,
          bytesPerLabel: Math.round(pdfBytes / N),
          csvBytes: csv?.bytes ?? null,
          workerPeakRssMb: peak,
          exactlyN: exact,
        },
        qrcodeSvg: { seconds: Math.round(qrcodeMs) / 1000, encodesPerSec: Math.round((N / qrcodeMs) * 1000), svgChars },
        insertMany: { seconds: Math.round(baselineMs) / 1000, docsPerSec: Math.round((N / baselineMs) * 1000), ratio: Math.round((pipelineMs / baselineMs) * 1000) / 1000 },
      },
    };

    console.log('');
    console.log(`stamp batch (worker)   ${String(summary.results.pipeline.labelsPerSec).padStart(7)} labels/s   ${summary.results.pipeline.seconds} s`);
    console.log(`qrcode SVG alone       ${String(summary.results.qrcodeSvg.encodesPerSec).padStart(7)} codes/s    ${summary.results.qrcodeSvg.seconds} s`);
    console.log(`bare insertMany        ${String(summary.results.insertMany.docsPerSec).padStart(7)} docs/s     ${summary.results.insertMany.seconds} s`);
    console.log(`ratio (batch ÷ qrcode SVG time) ${summary.ratio} (target ≤ 1.0); batch ÷ insertMany ${summary.results.insertMany.ratio}`);
    console.log(`PDF ${pdfs.length} files, ${summary.results.pipeline.bytesPerLabel} bytes a label; CSV ${csv?.bytes} bytes; worker peak RSS ${peak ?? '?'} MB`);
    console.log(`exactly ${N} distinct stamps, seq 0 … ${N - 1}: ${exact ? 'yes' : 'NO'}`);

    const out = path.join(repoRoot, 'bench/results/stamps.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
    say(`wrote ${path.relative(repoRoot, out)}`);
    if (!exact) throw new Error('the batch does not have exactly N distinct stamps');
  } finally {
    await queue.close();
    await client.close();
  }
}

main()
  .then(() => killAll())
  .then(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
    process.exit(0);
  })
  .catch(async (error) => {
    console.error(`[bench] ${error.stack ?? error}`);
    await killAll();
    process.exit(1);
  });

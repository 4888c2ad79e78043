// The reporting benchmark's full-year XLSX export of one province (tools/bench/reports-bench.mjs).
//
// When the API has `POST /api/reports/exports`, the export is asked for there and timed until its file is downloaded
// (the worker's job). Otherwise the same file is made here as the job would make it: the year's figures, commune table,
// a monthly series of every figure and the funnel from the API (the staff's token), then `reportXlsx` of
// @nss/report-exports (bundled with esbuild from the library's source), timed from the first request to the buffer.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { repoRoot, say } from '../scripts/lib/proc.mjs';

const require = createRequire(import.meta.url);

async function get(api, token, url) {
  const res = await fetch(`${api}${url}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** The export library, bundled for this process (its own dependencies stay in node_modules). */
async function loadExportLibrary() {
  const esbuild = require('esbuild');
  // Next to node_modules, so the bundle's requires of exceljs & co. resolve (.run is git-ignored).
  const outfile = path.join(repoRoot, '.run', 'bench-report-exports.cjs');
  await esbuild.build({
    // The two modules the XLSX needs (the library's index also loads the PDF fonts).
    stdin: {
      contents: "export { reportXlsx } from './libs/reporting/exports/src/lib/report-xlsx'; export { provinceReportFrom } from './libs/reporting/exports/src/lib/report-from-dtos';",
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    tsconfig: path.join(repoRoot, 'tsconfig.base.json'),
    external: ['exceljs', 'pdfkit', 'csv-stringify', 'zod'],
    logLevel: 'error',
  });
  return require(outfile);
}

async function viaExportJob(api, token, province, year) {
  const t0 = performance.now();
  const res = await fetch(`${api}/api/reports/exports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ province, period: 'year', at: year, format: 'xlsx' }),
  });
  if (res.status === 404) return null;
  const job = await res.json();
  if (res.status >= 300) throw new Error(`POST /api/reports/exports answered ${res.status}: ${JSON.stringify(job).slice(0, 300)}`);
  let status = job;
  const deadline = Date.now() + 5 * 60_000;
  while (status.status !== 'done') {
    if (status.status === 'failed' || Date.now() > deadline) throw new Error(`the export ended ${status.status}: ${JSON.stringify(status.error ?? {})}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = await get(api, token, `/api/reports/exports/${job.id}`);
  }
  const file = await fetch(`${api}/api/reports/exports/${job.id}/file`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await file.arrayBuffer()).length;
  return { how: 'POST /api/reports/exports (the worker job), until the file was downloaded', seconds: Math.round(performance.now() - t0) / 1000, bytes };
}

async function inProcess(api, token, province, year) {
  const lib = await loadExportLibrary();
  const t0 = performance.now();
  const q = `province=${province}&period=year&at=${year}`;
  const [figures, communes, funnel] = await Promise.all([get(api, token, `/api/reports/figures?${q}`), get(api, token, `/api/reports/communes?${q}`), get(api, token, `/api/reports/funnel?province=${province}`)]);
  const series = [];
  for (const f of figures.figures) series.push(await get(api, token, `/api/reports/series?${q}&figure=${f.name}&granularity=month`));
  const fetchedMs = performance.now() - t0;
  const report = lib.provinceReportFrom({ province: { code: province, name: { vi: `Tỉnh ${province}`, en: `Province ${province}` } }, figures, communes, series, funnel, generatedAt: new Date() });
  const buffer = await lib.reportXlsx(report);
  const ms = performance.now() - t0;
  const out = path.join(repoRoot, 'bench/out/reports');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `bao-cao-${province}-${year}.xlsx`), buffer);
  return {
    how: `in-process: the API's figures, communes, funnel and ${series.length} monthly series for the year, then reportXlsx (no export route on the API yet)`,
    seconds: Math.round(ms) / 1000,
    apiSeconds: Math.round(fetchedMs) / 1000,
    xlsxSeconds: Math.round(ms - fetchedMs) / 1000,
    bytes: buffer.length,
    communeRows: communes.communes.length,
  };
}

/** Times a full-year XLSX export of one province; says which way it was made. */
export async function exportYear({ api, token, province, year }) {
  const job = await viaExportJob(api, token, province, year);
  if (job) return job;
  say('  no POST /api/reports/exports on this API: making the file in-process from the API answers');
  return inProcess(api, token, province, year);
}

// Summarises a V8 .cpuprofile (from `BENCH_CPU_PROF=<dir> node tools/bench/catalog-bench.mjs`, or `node --cpu-prof`):
// where the process spent its CPU time, by package (self and inclusive: a sample counts for every package on its
// stack) and by function (self and inclusive). `node tools/bench/cpuprofile-summary.mjs <file> [top=25]`.
import fs from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/bench/cpuprofile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** The package a frame belongs to: an npm package, Node's own code, the API bundle, or V8's pseudo-frames. */
function packageOf(frame) {
  const url = frame.url ?? '';
  if (!url) return frame.functionName?.startsWith('(') ? frame.functionName : `(${frame.functionName || 'native'})`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node (core)';
  if (url.includes('/dist/apps/api/')) return 'api bundle';
  return url.replace(/^file:\/\//, '');
}
const label = (frame) =>
  frame.url ? `${frame.functionName || '(anonymous)'} ${packageOf(frame)}${frame.url.includes('node_modules') ? '' : `:${frame.lineNumber + 1}`}` : packageOf(frame);

// Time per sample (µs), from timeDeltas (the first delta belongs to the first sample).
const samples = profile.samples;
const deltas = profile.timeDeltas;
const total = deltas.reduce((a, b) => a + b, 0);
const selfPkg = new Map();
const selfFn = new Map();
const inclPkg = new Map();
const inclFn = new Map();
const add = (map, key, v) => map.set(key, (map.get(key) ?? 0) + v);
for (let i = 0; i < samples.length; i++) {
  const dt = deltas[i + 1] ?? deltas[i] ?? 0;
  let node = byId.get(samples[i]);
  add(selfPkg, packageOf(node.callFrame), dt);
  add(selfFn, label(node.callFrame), dt);
  const pkgs = new Set();
  const fns = new Set();
  for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
    node = byId.get(id);
    if (node.callFrame.functionName === '(root)') break;
    pkgs.add(packageOf(node.callFrame));
    fns.add(label(node.callFrame));
  }
  for (const p of pkgs) add(inclPkg, p, dt);
  for (const f of fns) add(inclFn, f, dt);
}
const idle = (selfPkg.get('(idle)') ?? 0);
const busy = total - idle;
const pct = (v) => `${((v / busy) * 100).toFixed(1).padStart(5)}%`;
const print = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${pct(v)}  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, ${(idle / 1e6).toFixed(2)} s idle; percentages are of the busy ${(busy / 1e6).toFixed(2)} s`);
print('self time by package', selfPkg, top);
print('inclusive time by package (a sample counts for every package on its stack)', inclPkg, top);
print('self time by function', selfFn, top);
print('inclusive time by function', inclFn, top * 2);

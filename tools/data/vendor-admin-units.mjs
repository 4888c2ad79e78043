#!/usr/bin/env node
/**
 * Vendors the 2025 administrative units into libs/admin-units/data/src/data/ so the app never reads ../shared at
 * run time. Source: ../shared/data/admin-units-2025/ (dvhcvn/20250701 at commit dd94887, MIT).
 *
 * Output (committed):
 * - units-2025.json   the 34 provinces, each with its communes: official codes and names (GSO letters 915 and 1027).
 * - old-to-new.json   pre-2025 province and commune codes → 2025 codes (many-to-many). Codes only: the old names come
 *                     from GPL-licensed data (daohoangson/dvhcvn) and are deliberately not vendored.
 * - LICENSE, ATTRIBUTION.md
 *
 * Every cross-check below must pass, or the script stops without writing anything.
 *
 * Usage: node tools/data/vendor-admin-units.mjs [sourceDir]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = resolve(process.argv[2] ?? join(root, '../shared/data/admin-units-2025'));
const outDir = join(root, 'libs/admin-units/data/src/data');
const SOURCE = { repo: 'dvhcvn/20250701', commit: 'dd94887' };

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};
/** "Tỉnh Cao Bằng", "Tp Hải Phòng", "Thành phố Hải Phòng" → "cao bằng", "hải phòng": the list writes them loosely. */
const bareProvince = (name) => clean(name).replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '').toLowerCase();
const read = (name) => readFileSync(join(sourceDir, name), 'utf8');
const clean = (name) => name.replace(/<br\s*\/?>/gi, ' ').replace(/\s+/g, ' ').replace(/\s*-\s*/g, ' - ').trim();

// Official province codes and names (915/CTK-CSCL).
const officialProvinces = new Map(
  read('915_CTK-CSCL.csv')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','))
    .map(([, code, name]) => [code.trim(), clean(name)]),
);
check(officialProvinces.size === 34, `915 list has ${officialProvinces.size} provinces, expected 34`);

// Official commune codes and names (1027/CTK-CSCL), grouped by province name as the list writes it.
const officialCommunes = new Map();
for (const line of read('1027_CTK-CSCL.md').split(/\r?\n/)) {
  const cells = line.split('|').map((c) => c.trim());
  if (cells.length < 5 || !/^\d+$/.test(cells[1]) || !/^\d{5}$/.test(cells[2])) continue;
  check(!officialCommunes.has(cells[2]), `1027 list repeats commune ${cells[2]}`);
  officialCommunes.set(cells[2], { name: clean(cells[3]), provinceName: clean(cells[4]) });
}
check(officialCommunes.size === 3321, `1027 list has ${officialCommunes.size} communes, expected 3321`);

const merges = JSON.parse(read('merges.json')).data;
const splits = JSON.parse(read('splits.json')).data;

// New units, from merges.json, checked against the official lists.
const provinces = [];
const communeProvince = new Map();
for (const p of merges) {
  const code = p.level1_id;
  check(officialProvinces.has(code), `province ${code} is not in the 915 list`);
  const name = officialProvinces.get(code) ?? clean(p.name);
  const communes = [];
  for (const c of p.level2s) {
    const official = officialCommunes.get(c.level2_id);
    check(!!official, `commune ${c.level2_id} is not in the 1027 list`);
    if (official) {
      check(bareProvince(official.provinceName) === bareProvince(name), `commune ${c.level2_id}: province ${official.provinceName} ≠ ${name}`);
      check(official.name === clean(c.name), `commune ${c.level2_id}: name "${official.name}" ≠ "${clean(c.name)}"`);
    }
    communes.push([c.level2_id, official?.name ?? clean(c.name)]);
    communeProvince.set(c.level2_id, code);
  }
  communes.sort((a, b) => a[0].localeCompare(b[0]));
  provinces.push({ code, name, fullName: clean(p.name), communes });
}
provinces.sort((a, b) => a.code.localeCompare(b.code));
check(provinces.length === 34, `merges.json has ${provinces.length} provinces`);
check(communeProvince.size === 3321, `merges.json has ${communeProvince.size} communes`);

// Old → new, from splits.json; checked against the inverse of merges.json.
const oldProvinces = {};
const oldCommunes = {};
for (const p of splits) {
  oldProvinces[p.level1_id] = [...new Set(p.splits.map((s) => s.new_id))].sort();
  for (const c of p.level3s ?? []) {
    const targets = [...new Set(c.splits.map((s) => s.new_id))].sort();
    check(targets.length > 0, `old commune ${c.level3_id} maps to nothing`);
    check(!oldCommunes[c.level3_id], `old commune ${c.level3_id} appears twice`);
    for (const t of targets) check(communeProvince.has(t), `old commune ${c.level3_id} → unknown ${t}`);
    oldCommunes[c.level3_id] = targets;
  }
}
for (const targets of Object.values(oldProvinces)) {
  for (const t of targets) check(officialProvinces.has(t), `old province → unknown new province ${t}`);
}
const fromMerges = new Map();
for (const p of merges) {
  for (const c of p.level2s) {
    for (const m of c.merges) fromMerges.set(m.old_id, [...(fromMerges.get(m.old_id) ?? []), c.level2_id]);
  }
}
let disagreements = 0;
for (const [oldCode, targets] of fromMerges) {
  const a = [...new Set(targets)].sort().join(',');
  const b = (oldCommunes[oldCode] ?? []).join(',');
  if (a !== b) disagreements += 1;
}

if (problems.length) {
  console.error(`Not vendored: ${problems.length} problem(s)\n  ${problems.slice(0, 300).join('\n  ')}`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
const sortedObject = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(
  join(outDir, 'units-2025.json'),
  `{"source":${JSON.stringify(SOURCE)},"provinces":[\n${provinces.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`,
);
writeFileSync(
  join(outDir, 'old-to-new.json'),
  `${JSON.stringify({ source: SOURCE, provinces: sortedObject(oldProvinces), communes: sortedObject(oldCommunes) })}\n`,
);
writeFileSync(join(outDir, 'LICENSE'), read('LICENSE')); // a copy, not the read-only original file mode
writeFileSync(
  join(outDir, 'ATTRIBUTION.md'),
  `# Administrative units of Vietnam after 1 July 2025

Generated by \`tools/data/vendor-admin-units.mjs\` — do not edit by hand.

- Source: the public repository **${SOURCE.repo}** at commit **${SOURCE.commit}**, MIT licence (see \`LICENSE\` here).
  Files used: \`merges.json\`, \`splits.json\`, \`915_CTK-CSCL.csv\` (official province codes, General Statistics
  Office letter 915/CTK-CSCL) and \`1027_CTK-CSCL.md\` (official commune codes, letter 1027/CTK-CSCL, 25 June 2025).
- \`units-2025.json\`: 34 provinces and 3,321 communes with official codes and names (cross-checked: every code and
  name in merges.json matches the official lists).
- \`old-to-new.json\`: pre-2025 province and commune codes → 2025 codes (many-to-many: a split commune maps to
  several new ones). Codes only. The old unit *names* in the source come from the GPL-licensed
  daohoangson/dvhcvn data set and are intentionally **not** vendored here.
- Caveat from the source: the old→new mapping was made with model assistance plus manual fixes; an independent
  check found about 10 of 10,565 commune pairs that differ from another published table. Here, the direction
  old→new is taken from splits.json; it disagrees with the inverse of merges.json for ${disagreements} old code(s).
- Old districts are not mapped (the source omits them), so island districts without communes (Bạch Long Vĩ,
  Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) have no old commune code to convert.
`,
);
console.log(
  `Vendored ${provinces.length} provinces, ${communeProvince.size} communes, ${Object.keys(oldProvinces).length} old provinces, ` +
    `${Object.keys(oldCommunes).length} old communes (${disagreements} merges/splits disagreements) into ${outDir}`,
);

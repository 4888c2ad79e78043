import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIARY_TYPES, LOT_STATUSES, LOT_UNITS } from '../data/lots.models';
import { LOTS_EN } from './lots.en';
import { LOTS_VI } from './lots.vi';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('lot dictionaries', () => {
  it('have a Vietnamese and an English text for every key the pages use, and for every unit, status and diary type', () => {
    const text = sources(ROOT).map((f) => readFileSync(f, 'utf8')).join('\n');
    const used = [...new Set([...text.matchAll(/'(lot\.[A-Za-z0-9_.-]*[A-Za-z0-9_-])'/g)].map((m) => m[1] as string))];
    const dynamic = [...LOT_UNITS.map((u) => `lot.unit.${u}`), ...LOT_STATUSES.map((s) => `lot.status.${s}`), ...DIARY_TYPES.map((t) => `lot.type.${t}`)];
    expect(used.length).toBeGreaterThan(40);
    for (const key of [...used, ...dynamic]) {
      expect([key, key in LOTS_VI, key in LOTS_EN]).toEqual([key, true, true]);
    }
    expect(Object.keys(LOTS_EN).filter((k) => !(k in LOTS_VI))).toEqual([]);
  });
});

#!/usr/bin/env node
// prestart / pretest hook: install dependencies when they are missing or stale, else do nothing
// (a few stat() calls, well under a second).
//
// Stale means: package-lock.json is newer than node_modules/.package-lock.json (npm's record of
// what is installed), e.g. after a `git pull` that changed dependencies.
//
// We use `npm install`, not `npm ci`: ci fails on these machines because the lockfile cannot list
// other platforms' optional binaries (see shared/docs/environment.md). Playwright must not try to
// download browsers (no network for that); the system Chromium is used instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
// mtimes can differ by a few ms when npm writes both files in one run.
const TOLERANCE_MS = 1000;

const mtime = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
};

function reasonToInstall() {
  if (!fs.existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
  const installedAt = mtime(installed);
  if (installedAt === null) return 'node_modules/.package-lock.json is missing';
  const lockAt = mtime(lock);
  if (lockAt !== null && lockAt > installedAt + TOLERANCE_MS) return 'package-lock.json is newer than node_modules';
  return null;
}

const reason = reasonToInstall();
if (reason) {
  console.log(`[nss] ${reason}: running npm install (takes a couple of minutes the first time)…`);
  const started = Date.now();
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (r.status !== 0) {
    console.error(`[nss] ✖ npm install failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`})`);
    process.exit(r.status || 1);
  }
  // Mark node_modules as up to date even if npm left the lockfile's mtime slightly ahead.
  const now = new Date();
  try {
    fs.utimesSync(installed, now, now);
  } catch {
    /* no .package-lock.json (no dependencies?): nothing to mark */
  }
  console.log(`[nss] npm install done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// Process management shared by start.mjs and test-all.mjs.
//
// Every child is spawned `detached`, i.e. as the leader of its own process group, so that
//   - a terminal Ctrl-C reaches only us (the foreground group), and we decide the shutdown order;
//   - we can kill a child *and everything it spawned* (npx -> nx -> workers, jest -> workers) with
//     process.kill(-pid, signal).
// All live children are kept in a registry; killAll() (called on exit, SIGINT, SIGTERM, SIGHUP and
// uncaught errors) terminates every group: SIGTERM first, SIGKILL after a grace period.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (tools/scripts/lib -> ../../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A path for humans: relative to the repo root if inside it, absolute otherwise. */
export const pretty = (p) => (p.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, p) : p);

/** Prefixed console output, so our lines stand out among the children's. */
export const say = (msg) => console.log(`[nss] ${msg}`);
export const warn = (msg) => console.error(`[nss] ⚠ ${msg}`);
export const fail = (msg) => console.error(`[nss] ✖ ${msg}`);

/** Registry of live children: Set<{ name, pid, stopping, exited: Promise }>. */
const registry = new Set();
/** Process groups started and not yet swept (leader alive, or dead but group not yet killed). */
const groups = new Set();
let logDir = path.join(repoRoot, '.run', 'logs');
let shuttingDown = false;
let onAnyUnexpected;

/** Called (after the per-service callback) whenever any service dies without being asked to. */
export function onAnyUnexpectedExit(fn) {
  onAnyUnexpected = fn;
}

/** Directory where service logs (`<name>.log`) are written. Created on demand. */
export function setLogDir(dir) {
  logDir = dir;
}
export function getLogDir() {
  fs.mkdirSync(logDir, { recursive: true });
  return logDir;
}
export const isShuttingDown = () => shuttingDown;

/** Last `lines` lines of a (log) file, '' if it cannot be read. Reads at most the last 64 KiB. */
export function tailFile(file, lines = 40) {
  try {
    const { size } = fs.statSync(file);
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, buf, 0, len, size - len);
    fs.closeSync(fd);
    return buf.toString('utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '';
  }
}

export function printTail(name, file) {
  const tail = tailFile(file);
  console.error(`----- last lines of ${pretty(file)} (${name}) -----`);
  console.error(tail || '(empty log)');
  console.error('-----');
}

/** Send a signal to a whole process group; ignore "no such process". */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function register(name, child) {
  const entry = { name, pid: child.pid, stopping: false };
  entry.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      registry.delete(entry);
      resolve({ code, signal });
    });
    // spawn failures (ENOENT) emit 'error' and maybe never 'exit'.
    child.once('error', (err) => {
      registry.delete(entry);
      resolve({ code: 127, signal: null, error: err });
    });
  });
  if (child.pid) {
    groups.add(child.pid);
    registry.add(entry);
  }
  return entry;
}

/**
 * Start a long-running service whose stdout+stderr go to `<logDir>/<name>.log`.
 * If it dies while we did not ask it to, the tail of its log is printed and `onUnexpectedExit`
 * is called. Returns a handle { name, pid, logFile, exited, stop(), isAlive() }.
 */
export function spawnService(name, cmd, args, { env = process.env, cwd = repoRoot, onUnexpectedExit } = {}) {
  const logFile = path.join(getLogDir(), `${name}.log`);
  const fd = fs.openSync(logFile, 'w'); // one log per run
  fs.writeSync(fd, `\n===== ${new Date().toISOString()} ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const entry = register(name, child);
  let alive = true;
  entry.exited.then(({ code, signal, error }) => {
    alive = false;
    if (entry.stopping || shuttingDown) return;
    killGroup(entry.pid, 'SIGKILL'); // orphans of the dead leader
    groups.delete(entry.pid);
    fail(`${name} exited unexpectedly (${error ? error.message : signal ? `signal ${signal}` : `code ${code}`})`);
    printTail(name, logFile);
    onUnexpectedExit?.({ name, code, signal });
    onAnyUnexpected?.({ name, code, signal });
  });
  return {
    name,
    pid: child.pid,
    logFile,
    exited: entry.exited,
    isAlive: () => alive,
    stop: (graceMs) => stopEntry(entry, graceMs),
  };
}

/** SIGTERM a child's group, wait up to graceMs for the leader to exit, then SIGKILL the group. */
async function stopEntry(entry, graceMs = 5000) {
  entry.stopping = true;
  killGroup(entry.pid, 'SIGTERM');
  let timer;
  const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), graceMs)));
  await Promise.race([entry.exited, timedOut]);
  clearTimeout(timer);
  // Also reaps grandchildren that outlived the leader.
  killGroup(entry.pid, 'SIGKILL');
  groups.delete(entry.pid);
}

/**
 * Run a command to completion. Output is inherited (shown live) unless `logFile` is given
 * (a file name inside the log dir, or an absolute path). Never rejects: resolves
 * { code, signal, timedOut, ms, logFile }. `code` is 124 on timeout, 127 if it could not start.
 */
export async function runCommand(name, cmd, args, { env = process.env, cwd = repoRoot, logFile, timeoutMs } = {}) {
  const started = Date.now();
  let fd;
  let file;
  if (logFile) {
    file = path.isAbsolute(logFile) ? logFile : path.join(getLogDir(), logFile);
    fd = fs.openSync(file, 'w');
    fs.writeSync(fd, `\n===== ${new Date().toISOString()} ${cmd} ${args.join(' ')}\n`);
  }
  const out = fd ?? 'inherit';
  // stdin is 'ignore': a child in a background process group must never read the terminal.
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', out, out] });
  if (fd !== undefined) fs.closeSync(fd);
  const entry = register(name, child);
  let timedOut = false;
  const timer = timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        fail(`${name} timed out after ${Math.round(timeoutMs / 1000)} s, killing it`);
        stopEntry(entry, 3000);
      }, timeoutMs)
    : null;
  const { code, signal, error } = await entry.exited;
  if (timer) clearTimeout(timer);
  if (error) fail(`${name}: could not start ${cmd}: ${error.message}`);
  // Leftovers of a finished command (e.g. a test that forgot to close a server) must not linger.
  killGroup(child.pid, 'SIGKILL');
  groups.delete(child.pid);
  return { code: timedOut ? 124 : code ?? 1, signal, timedOut, ms: Date.now() - started, logFile: file };
}

/** Run a command and capture its stdout (stderr is shown live). Rejects on non-zero exit. */
export function runCapture(cmd, args, { env = process.env, cwd = repoRoot, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'] });
    const entry = register(cmd, child);
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    // 'exit' can precede the last stdout chunk: wait for the stream to end as well.
    const ended = new Promise((r) => child.stdout.once('close', r));
    Promise.all([entry.exited, ended]).then(([{ code, error }]) => {
      groups.delete(child.pid);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${error ? error.message : `exit ${code}`})`));
    });
  });
}

/** Stop every registered child (in parallel) and sweep their process groups; new ones may follow. */
export async function stopAll(graceMs = 5000) {
  await Promise.all([...registry].map((e) => stopEntry(e, graceMs)));
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
}

/** Final shutdown: like stopAll(), and from now on no child death is reported as unexpected. */
export async function killAll(graceMs = 5000) {
  shuttingDown = true;
  await stopAll(graceMs);
}

/**
 * Install handlers so that no child outlives us:
 *  - SIGINT/SIGTERM/SIGHUP: killAll(), then exit with `exitCodeOnSignal(signal)`; a second
 *    Ctrl-C during shutdown SIGKILLs everything at once.
 *  - uncaught exceptions / rejections: print, killAll(), exit 1.
 *  - 'exit' (any path): synchronous SIGKILL sweep of all groups as a last resort.
 */
export function installShutdownHandlers({ exitCodeOnSignal = () => 130, beforeExit } = {}) {
  let signalled = false;
  const onSignal = async (signal) => {
    if (signalled) {
      for (const pid of groups) killGroup(pid, 'SIGKILL');
      process.exit(exitCodeOnSignal(signal));
    }
    signalled = true;
    console.log('');
    say(`${signal} received, stopping ${registry.size} process(es)…`);
    await killAll();
    await beforeExit?.(signal);
    process.exit(exitCodeOnSignal(signal));
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSignal);
  const onFatal = async (err) => {
    fail(err?.stack || String(err));
    await killAll(2000);
    process.exit(1);
  };
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  process.on('exit', () => {
    shuttingDown = true;
    for (const pid of groups) killGroup(pid, 'SIGKILL');
  });
}

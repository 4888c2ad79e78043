import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

const ROOT = resolve(__dirname, '../../../..');
export const DIST_API = join(ROOT, 'dist/apps/api/main.js');
export const DIST_WORKER = join(ROOT, 'dist/apps/worker/main.js');

/** One process of the cluster: its name, log file, and (for an API) its base URL. */
export interface ClusterProcess {
  name: string;
  logFile: string;
  url?: string;
  child: ChildProcess;
}

export interface ProcessCluster {
  apis: ClusterProcess[];
  workers: ClusterProcess[];
  /** The last lines of every process's log, for a failure message. */
  logs(lines?: number): string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, proc: ClusterProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited (${proc.child.exitCode}) during start-up:\n${tail(proc.logFile, 30)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${proc.name} did not answer /api/health within ${timeoutMs} ms:\n${tail(proc.logFile, 30)}`);
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts `apis` API processes and `workers` worker processes from the build (`dist/apps/…`), all on the same
 * database and Redis given in `env` (the same configuration the in-process test API was made with), as a
 * deployment with several replicas would run. Needs `nx build api worker` first (`npm test` builds before the
 * integration stage); fails naming the missing file otherwise.
 */
export async function startProcessCluster(env: Record<string, string>, counts: { apis: number; workers: number }): Promise<ProcessCluster> {
  for (const file of [DIST_API, DIST_WORKER]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (npx nx run-many -t build -p api worker)`);
  }
  const logDir = mkdtempSync(join(tmpdir(), 'nss-cluster-'));
  const started: ClusterProcess[] = [];
  const spawnOne = (name: string, script: string, extra: Record<string, string>): ClusterProcess => {
    const logFile = join(logDir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(process.execPath, [script], { cwd: ROOT, env: { ...process.env, ...env, ...extra }, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const proc = { name, logFile, child };
    started.push(proc);
    return proc;
  };
  const stop = async () => {
    await Promise.all(
      started.map(
        (proc) =>
          new Promise<void>((done) => {
            if (proc.child.exitCode !== null || proc.child.signalCode !== null) return done();
            const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
            proc.child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            proc.child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    const apis: ClusterProcess[] = [];
    for (let i = 0; i < counts.apis; i++) {
      const port = await freePort();
      const proc = spawnOne(`api-${i + 1}`, DIST_API, { API_PORT: String(port), API_HOST: '127.0.0.1' });
      proc.url = `http://127.0.0.1:${port}`;
      apis.push(proc);
    }
    const workers = Array.from({ length: counts.workers }, (_, i) => spawnOne(`worker-${i + 1}`, DIST_WORKER, {}));
    await Promise.all(apis.map((proc) => waitForHealth(proc.url as string, proc, 120_000)));
    for (const proc of workers) {
      if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited during start-up:\n${tail(proc.logFile, 30)}`);
    }
    return {
      apis,
      workers,
      logs: (lines = 20) => started.map((p) => `── ${p.name} ──\n${tail(p.logFile, lines)}`).join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

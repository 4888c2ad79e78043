// Processes the fault suite starts, stops and kills on purpose: FerretDB and Redis on fixed ports and directories (a
// restart finds the same data), the simulators, the APIs and the workers. Each is the leader of its own process group
// (killed with its children); a death the suite caused is never reported as unexpected, any other is (`onDeath`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForHttp, waitForPort } from '../../scripts/lib/net.mjs';

const live = new Set();

/** Kills every process group still running (on exit, on a signal, after the run). */
export function killEverything(signal = 'SIGKILL') {
  for (const p of live) {
    try {
      process.kill(-p.pid, signal);
    } catch {
      /* gone */
    }
  }
  live.clear();
}

let onDeath = () => undefined;
/** Called with the process's name when one dies without the suite having stopped or killed it. */
export function onUnexpectedDeath(fn) {
  onDeath = fn;
}

/**
 * Starts `cmd args` with stdout+stderr appended to `<logDir>/<name>.log`. Returns { name, pid, exited, kill(signal),
 * stop(graceMs) }: `kill` and `stop` mark the death as intended.
 */
export function start(name, cmd, args, { env = process.env, cwd, logDir }) {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(fd, `\n===== ${new Date().toISOString()} ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const proc = { name, pid: child.pid, logFile, intended: false, alive: true };
  live.add(proc);
  proc.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      proc.alive = false;
      live.delete(proc);
      try {
        process.kill(-proc.pid, 'SIGKILL'); // its orphans
      } catch {
        /* none */
      }
      if (!proc.intended) onDeath(name, code, signal);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      proc.alive = false;
      live.delete(proc);
      if (!proc.intended) onDeath(name, 127, error.message);
      resolve({ code: 127, signal: null });
    });
  });
  proc.kill = async (signal = 'SIGKILL') => {
    proc.intended = true;
    try {
      process.kill(-proc.pid, signal);
    } catch {
      /* already gone */
    }
    await proc.exited;
  };
  proc.stop = async (graceMs = 10_000) => {
    proc.intended = true;
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, graceMs);
    await proc.exited;
    clearTimeout(timer);
  };
  return proc;
}

/** FerretDB on 127.0.0.1:port with its SQLite files in dataDir (kept across restarts). */
export async function startFerret({ bin, dataDir, port, logDir, name = 'ferretdb' }) {
  fs.mkdirSync(dataDir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dataDir}/`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--state-dir=-',
    '--debug-addr=-',
    '--log-level=warn',
  ];
  const proc = start(name, bin, args, { logDir });
  await waitForPort(port, { timeoutMs: 30_000 });
  return proc;
}

/** redis-server on 127.0.0.1:port, append-only file in dir (a restart replays it: queues and keys survive). */
export async function startRedisServer({ bin, dir, port, logDir, name = 'redis' }) {
  fs.mkdirSync(dir, { recursive: true });
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--daemonize', 'no',
    '--logfile', '',
    '--maxmemory-policy', 'noeviction',
  ];
  const proc = start(name, bin, args, { logDir });
  await waitForPort(port, { timeoutMs: 30_000 });
  // The port opens before the append-only file is loaded (LOADING errors meanwhile): wait for PING.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await redisPing(port)) return proc;
    await sleep(100);
  }
  throw new Error(`redis on ${port} did not answer PING`);
}

function redisPing(port) {
  return new Promise((resolve) => {
    import('node:net').then(({ default: net }) => {
      const socket = net.connect(port, '127.0.0.1');
      let data = '';
      socket.setTimeout(1000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(false));
      socket.on('data', (d) => {
        data += d;
        if (data.includes('\r\n')) {
          socket.destroy();
          resolve(data.startsWith('+PONG'));
        }
      });
      socket.write('PING\r\n');
    });
  });
}

/** A node script (api, worker, simulator) that is up when `readyUrl` answers (or at once without one). */
export async function startNode(name, script, { env, logDir, readyUrl, timeoutMs = 120_000, args = [] }) {
  const proc = start(name, process.execPath, [script, ...args], { env, logDir });
  if (readyUrl) {
    try {
      await waitForHttp(readyUrl, { timeoutMs });
    } catch (error) {
      throw new Error(`${name} did not come up (${error.message}); log: ${proc.logFile}`);
    }
  }
  return proc;
}

/** CPU time (ms) a process has used so far, from /proc (Linux); 0 when unknown. */
export function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Small networking helpers: free ports, waiting for a TCP port or an HTTP endpoint.
import net from 'node:net';

const handedOut = new Set();

/**
 * Ask the kernel for a free TCP port on 127.0.0.1. Ports already returned in this process are
 * never returned twice (the kernel could, since we close the probe socket immediately).
 */
export async function freePort() {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address();
        srv.close(() => resolve(p));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: could not find an unused port');
}

/** True if something accepts TCP connections on host:port. */
export function isPortOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Throws a helpful error if `service` (a spawnService handle) is no longer running. */
function assertAlive(service, what) {
  if (service && !service.isAlive()) {
    throw new Error(`${service.name} exited before ${what} (log: ${service.logFile})`);
  }
}

/**
 * Poll until host:port accepts connections. If `service` is given and dies meanwhile, fail at once
 * instead of waiting for the timeout.
 */
export async function waitForPort(port, { host = '127.0.0.1', timeoutMs = 60_000, service, label } = {}) {
  const what = `${label ?? service?.name ?? 'service'} listened on ${host}:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    assertAlive(service, what);
    if (await isPortOpen(port, host, 500)) return;
    await sleep(200);
  }
  assertAlive(service, what);
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting until ${what}`);
}

/** Poll an HTTP URL until it answers `status` (default 200). Same fail-fast rule as waitForPort. */
export async function waitForHttp(url, { status = 200, timeoutMs = 90_000, service, label } = {}) {
  const what = `${label ?? service?.name ?? url} answered ${status} on ${url}`;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    assertAlive(service, what);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status === status) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(500);
  }
  assertAlive(service, what);
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting until ${what} (last: ${last})`);
}

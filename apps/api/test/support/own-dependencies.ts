import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

const ROOT = resolve(__dirname, '../../../..');

/** Resolves once something accepts TCP connections on the port (or fails after `timeoutMs`). */
async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A FerretDB and a Redis of a test file's own, child processes on free ports, which the test may stop and start again
 * (an operator's outage) without disturbing the other files, which use the run's shared servers. Both keep their
 * data across a restart, as production servers do: FerretDB in a SQLite folder, Redis in an append-only file synced
 * on every write (a job queued before the outage is still there after it).
 */
export class OwnDependencies {
  private ferret: ChildProcess | null = null;
  private redis: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'nss-own-deps-'));
  private readonly ferretBin = execFileSync('bash', [join(ROOT, 'tools/infra/build-ferretdb.sh')], { encoding: 'utf8' }).trim();

  private constructor(
    readonly mongoPort: number,
    readonly redisPort: number,
  ) {}

  static async start(): Promise<OwnDependencies> {
    const deps = new OwnDependencies(await freePort(), await freePort());
    await Promise.all([deps.startDatabase(), deps.startRedis()]);
    return deps;
  }

  /** A database URI on the own FerretDB (a database name of the caller's choosing). */
  mongoUri(database: string): string {
    return `mongodb://127.0.0.1:${this.mongoPort}/${database}`;
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.redisPort}`;
  }

  async startDatabase(): Promise<void> {
    mkdirSync(join(this.dir, 'fdb'), { recursive: true });
    this.ferret = spawn(
      this.ferretBin,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${join(this.dir, 'fdb')}/`,
        `--listen-addr=127.0.0.1:${this.mongoPort}`,
        '--telemetry=disable',
        '--state-dir=-',
        '--debug-addr=-',
        '--log-level=error',
      ],
      { stdio: 'ignore' },
    );
    await waitForPort(this.mongoPort);
  }

  async stopDatabase(): Promise<void> {
    await stopChild(this.ferret);
    this.ferret = null;
  }

  async startRedis(): Promise<void> {
    this.redis = spawn(
      'redis-server',
      ['--port', String(this.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir],
      { stdio: 'ignore' },
    );
    await waitForPort(this.redisPort);
  }

  async stopRedis(): Promise<void> {
    await stopChild(this.redis);
    this.redis = null;
  }

  async close(): Promise<void> {
    await Promise.all([this.stopDatabase(), this.stopRedis()]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

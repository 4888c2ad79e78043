import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { mongo } from 'mongoose';

const ROOT = resolve(__dirname, '../../../..');
const DIST_WORKER = join(ROOT, 'dist/apps/worker/main.js');

/** The last lines of a log file (for a failure's message). */
export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function withRedisDb(url: string, db: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}

/**
 * Real worker processes for a kill test: a fresh database, a Redis database of the test's own (emptied, so the worker
 * never takes another file's jobs), the `stamps` queue, and workers started from the build (`dist/apps/worker/main.js`,
 * made by the build stage before the integration tests) or, without one, from their TypeScript sources through
 * ts-node (slower to start). `close` kills what is still running and drops the database.
 */
export class WorkerHarness {
  client!: mongo.MongoClient;
  db!: mongo.Db;
  queue!: Queue;
  env!: Record<string, string>;
  private readonly children: ChildProcess[] = [];
  private readonly logDir: string;

  constructor(
    private readonly name: string,
    private readonly redisDb: number,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    this.logDir = mkdtempSync(join(tmpdir(), `nss-${name}-`));
  }

  /** `base` names a database server and a Redis of the test's own (else the run's, MONGODB_URI and REDIS_URL). */
  async open(base: { mongoUri?: string; redisUrl?: string } = {}): Promise<void> {
    const redisUrl = withRedisDb(base.redisUrl ?? (process.env['REDIS_URL'] as string), this.redisDb);
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    await redis.quit();
    const mongoUrl = new URL(base.mongoUri ?? (process.env['MONGODB_URI'] as string));
    mongoUrl.pathname = `/int_${randomBytes(5).toString('hex')}`;
    this.env = {
      NODE_ENV: 'development',
      MONGODB_URI: mongoUrl.toString(),
      REDIS_URL: redisUrl,
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      MEDIA_DIR: mkdtempSync(join(tmpdir(), `nss-${this.name}-media-`)),
      LOG_LEVEL: 'info',
      CITIZEN_ID_HASH_SECRET: randomBytes(32).toString('hex'),
      CITIZEN_ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ...this.extraEnv,
    };
    this.client = await mongo.MongoClient.connect(this.env['MONGODB_URI'] as string);
    this.db = this.client.db();
    this.queue = new Queue('stamps', { connection: { url: redisUrl } });
  }

  /** `main.js` from the build, else the TypeScript sources through ts-node, with the harness's environment. */
  private spawnWorker(args: string[], stdio: StdioOptions): ChildProcess {
    const script = existsSync(DIST_WORKER) ? [DIST_WORKER] : ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', join(ROOT, 'apps/worker/src/main.ts')];
    return spawn(process.execPath, [...script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.integration.json'), TS_NODE_FILES: 'false' },
      stdio,
    });
  }

  /** Starts a worker process; its output goes to `<name>.log` (see `tail`). */
  startWorker(name: string): { child: ChildProcess; log: string } {
    const log = join(this.logDir, `${name}.log`);
    const fd = openSync(log, 'a');
    const child = this.spawnWorker([], ['ignore', fd, fd]);
    closeSync(fd);
    this.children.push(child);
    return { child, log };
  }

  /** Runs a worker command (`report:rebuild --apply`…) to its end: its exit code and output. */
  runCommand(args: string[], timeoutMs = 180_000): Promise<{ code: number | null; output: string }> {
    const child = this.spawnWorker(args, ['ignore', 'pipe', 'pipe']);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${args.join(' ')} did not finish in ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolvePromise({ code, output });
      });
    });
  }

  async close(): Promise<void> {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await this.queue?.close();
    await this.db?.dropDatabase().catch(() => undefined);
    await this.client?.close();
  }
}

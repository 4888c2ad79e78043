import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

/** The simulator apps (development and tests only), each with the settings a test run needs unless it names its own. */
const SIMULATORS = {
  /** Zalo ZNS + eSMS; any Zalo app id, since each test API uses its own. */
  'messaging-sim': { SIM_PORT: '0', SIM_ANY_APP: 'true' },
  'vnpay-sim': { VNPAY_SIM_PORT: '0' },
  'bank-feed-sim': { BANK_FEED_SIM_PORT: '0' },
} satisfies Record<string, Record<string, string>>;

export type SimulatorApp = keyof typeof SIMULATORS;

export interface RunningSimulator {
  /** Its base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a simulator app (apps/<app>, from its sources) as its own process, on a free port unless `env` names one: the
 * adapters under test reach it over HTTP only, as they would reach the provider. Resolves once it listens (the first
 * line on its stdout is its address). `stderr: 'inherit'` shows its log (delivery reports, retries) in the test output.
 */
export function startSimulator(app: SimulatorApp, env: Record<string, string> = {}, options: { stderr?: 'inherit' | 'ignore' } = {}): Promise<RunningSimulator> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, `apps/${app}/src/main.ts`)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', TS_NODE_PROJECT: join(ROOT, `apps/${app}/tsconfig.app.json`), ...SIMULATORS[app], ...env },
    stdio: ['ignore', 'pipe', options.stderr ?? 'ignore'],
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return new Promise((resolveStart, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      reject(new Error(`${app} did not start within 30 s`));
      child.kill('SIGTERM');
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${app} exited (${code})`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolveStart({ url: line.trim().replace(/\/+$/, ''), stop });
      }
    });
  });
}

import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export interface RunningSimulator {
  url: string;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../../../..');

/**
 * Starts the messaging simulator (apps/messaging-sim, from its sources) as its own process on a free port, as the
 * providers would be: the adapters under test talk to it over HTTP only. `env` adds simulator settings, e.g.
 * SIM_ZNS_WEBHOOK_URL for delivery reports.
 */
export function startMessagingSimulator(env: Record<string, string> = {}): Promise<RunningSimulator> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'apps/messaging-sim/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', SIM_PORT: '0', SIM_ANY_APP: 'true', TS_NODE_PROJECT: join(ROOT, 'apps/messaging-sim/tsconfig.app.json'), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return new Promise((resolveStart, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('messaging simulator did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`messaging simulator exited (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolveStart({ url: line.trim(), stop });
      }
    });
  });
}

/** A message as the simulator's JSON endpoint lists it. */
export interface SimMessage {
  id: string;
  channel: 'zns' | 'sms';
  phone: string;
  templateId?: string;
  templateData?: Record<string, string>;
  text?: string;
  reference: string;
  providerId?: string;
  result: string;
  timedOut: boolean;
  report: string;
}

export async function simMessages(simUrl: string, phone: string): Promise<SimMessage[]> {
  const res = await fetch(`${simUrl}/sim/messages?phone=${encodeURIComponent(phone)}`);
  return (await res.json()) as SimMessage[];
}

/** Tells the simulator what to do to the next sends (see apps/messaging-sim control-routes.ts). */
export async function simControl(
  simUrl: string,
  control: { phone?: string; channel: 'zns' | 'sms'; action: 'fail' | 'timeout' | 'not_on_zalo' | 'expire_token' | 'no_report'; code?: string | number; times?: number },
): Promise<void> {
  const res = await fetch(`${simUrl}/sim/controls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(control) });
  if (res.status !== 201) throw new Error(`simulator refused the control: ${res.status} ${await res.text()}`);
}

import type { RunningSimulator } from './simulators';

export default async function teardown(): Promise<void> {
  await (globalThis as { __messagingSim?: RunningSimulator }).__messagingSim?.stop();
}

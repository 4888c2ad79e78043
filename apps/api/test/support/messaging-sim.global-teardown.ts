import type { RunningSimulator } from './messaging-sim';

export default async function teardown(): Promise<void> {
  await (globalThis as { __messagingSim?: RunningSimulator }).__messagingSim?.stop();
}

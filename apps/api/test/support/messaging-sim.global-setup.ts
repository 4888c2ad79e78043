import { startSimulator, type RunningSimulator } from './simulators';

/**
 * One messaging simulator for the whole integration run, unless MESSAGING_SIM_URL names one already (`npm test`
 * starts the built one). Test files read its address from MESSAGING_SIM_URL; each test API uses its own Zalo app id.
 */
export default async function setup(): Promise<void> {
  if (process.env['MESSAGING_SIM_URL']) return;
  const sim = await startSimulator('messaging-sim', {}, { stderr: 'inherit' });
  process.env['MESSAGING_SIM_URL'] = sim.url;
  (globalThis as { __messagingSim?: RunningSimulator }).__messagingSim = sim;
}

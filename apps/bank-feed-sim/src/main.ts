import { buildSimulator } from './app/simulator';
import { simOptionsFromEnv } from './app/sim-options';

/** Development and tests only: production never runs it. */
async function main(): Promise<void> {
  if (process.env['NODE_ENV'] === 'production') throw new Error('The bank-feed simulator is for development and tests only');
  const options = simOptionsFromEnv(process.env);
  const { app } = buildSimulator(options);
  const address = await app.listen({ host: options.host, port: options.port });
  // The first line on stdout is the address: start scripts and tests read it (BANK_FEED_SIM_PORT=0 picks a free port).
  console.warn(`[bank-feed-sim] listening on ${address} (webhook → ${options.webhookUrl})`);
  process.stdout.write(`${address}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('[bank-feed-sim] failed to start', error);
  process.exit(1);
});

import { loadConfigOrExit } from '@nss/server-core';
import { createApiApp } from './app/bootstrap';
import { runSeed } from './seed/run-seed';

async function main(): Promise<void> {
  const config = loadConfigOrExit('api');
  if (process.argv[2] === 'seed') {
    await runSeed(config);
    return;
  }
  const app = await createApiApp(config);
  await app.listen({ port: config.API_PORT, host: config.API_HOST });
}

main().catch((error: unknown) => {
  console.error('[api] failed to start', error);
  process.exit(1);
});

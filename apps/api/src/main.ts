import { ConfigError, loadConfig } from '@nss/server-core';
import { createApiApp } from './app/bootstrap';
import { runSeed } from './seed/run-seed';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[api] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (process.argv[2] === 'seed') {
    await runSeed(config);
    return;
  }
  const app = await createApiApp(config);
  await app.listen({ port: config.API_PORT, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  console.error('[api] failed to start', error);
  process.exit(1);
});

import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@nss/server-core';
import { WorkerModule } from './app/worker.module';
import { runReportBackfill } from './report-backfill.command';
import { runReportRebuild } from './report-rebuild.command';

async function main(): Promise<void> {
  const config = loadConfigOrExit('worker');
  if (process.argv[2] === 'report:rebuild') {
    process.exitCode = await runReportRebuild(config, process.argv.slice(3));
    return;
  }
  if (process.argv[2] === 'report:backfill') {
    process.exitCode = await runReportBackfill(config);
    return;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

main().catch((error: unknown) => {
  console.error('[worker] failed to start', error);
  process.exit(1);
});

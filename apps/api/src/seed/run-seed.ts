import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@nss/server-core';
import { AppModule } from '../app/app.module';

/** `node main.js seed`: creates the demo province's data once; a second run finds it and does nothing. */
export async function runSeed(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    // The demo data is added here as the features land.
  } finally {
    await app.close();
  }
}

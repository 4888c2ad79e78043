import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  // On a 2-core machine Jest's default (cores − 1 = 1 worker) runs every file inside Jest's own process (in band): the
  // Angular and Nest test files' memory then piles up in one heap until V8 aborts (exit 134 after ~360 s, seen in CI).
  // Two workers, each replaced once it holds more than 1 GB after a file, keep the whole run's memory bounded.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
});

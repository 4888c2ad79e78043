import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from './app-config';

/** `.env.example` at the repository root documents every variable the API and the worker read. */
const ENV_EXAMPLE = join(__dirname, '../../../../../../.env.example');

function parseEnvFile(text: string): Map<string, { value: string; comment: string }> {
  const entries = new Map<string, { value: string; comment: string }>();
  let comment = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) {
      comment += line;
      continue;
    }
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) entries.set(match[1] as string, { value: match[2] as string, comment });
    else comment = '';
  }
  return entries;
}

describe('.env.example', () => {
  const entries = parseEnvFile(readFileSync(ENV_EXAMPLE, 'utf8'));

  it('lists every variable of the configuration schema, each under a comment', () => {
    const missing = CONFIG_VARIABLES.filter((name) => !entries.has(name));
    expect(missing).toEqual([]);
    const uncommented = CONFIG_VARIABLES.filter((name) => !entries.get(name)?.comment.trim());
    expect(uncommented).toEqual([]);
  });

  it('holds development values the API accepts as they are', () => {
    const env = Object.fromEntries([...entries].map(([name, { value }]) => [name, value]));
    expect(loadConfig(env).isDevelopment).toBe(true);
  });
});

import type { ApiError } from '@nss/contracts';

/** `url` with its Redis database number set: a test file whose worker consumes a queue uses a database of its own. */
export function withRedisDb(url: string, db: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}

/** The field paths a 400 answer names, sorted. */
export function issuePaths(body: unknown): string[] {
  return ((body as ApiError).issues ?? []).map((i) => i.path).sort();
}

/**
 * True when a write was refused by a unique index. MongoDB says so with code 11000 (also inside a bulk write error);
 * FerretDB 1.24 on SQLite does for inserts, but an UPDATE that breaks a unique index comes back as code 1
 * (InternalError) whose message carries SQLite's "UNIQUE constraint failed" (docs/engineering-notes.md). A duplicate
 * check that only looked at 11000 let such updates end as 500s.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 11000) return true;
  return code === 1 && typeof message === 'string' && message.includes('UNIQUE constraint failed');
}

import type { Readable } from 'node:stream';

/**
 * Where uploaded media (product photos and their thumbnails) live. Keys are relative, slash-separated paths such as
 * `products/<productId>/<photoId>.jpg`; the API serves them publicly under `/api/media/<key>`. The local-disk
 * implementation is the default; an object store (S3-compatible) can implement the same interface.
 */
export abstract class MediaStorage {
  abstract put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** A stream of the stored bytes, or null when nothing is stored under the key (or the key is not a valid key). */
  abstract getStream(key: string): Promise<{ stream: Readable; size: number; contentType: string } | null>;
  abstract get(key: string): Promise<Buffer | null>;
  /** Removes the object; missing objects are not an error (deletion is idempotent). */
  abstract delete(key: string): Promise<void>;
  /** The public URL path of a key. */
  abstract url(key: string): string;
}

/** Public URL prefix under which `GET /api/media/*` serves stored media. */
export const MEDIA_URL_PREFIX = '/api/media/';

/**
 * A key is lower-case path segments of letters, digits, `-` and `_`, with a file extension: no `..`, no leading
 * slash, no backslashes, nothing that could climb out of the storage root.
 */
const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*\.(jpg|png|webp|pdf|csv|xlsx)$/;

export function isValidMediaKey(key: string): boolean {
  return key.length <= 300 && KEY_PATTERN.test(key);
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  // Stamp label sheets and printer files (served only by their batch's routes, never under /api/media/).
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  // Report exports (served only by their export's route).
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function contentTypeOfKey(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

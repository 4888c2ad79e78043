import { randomBytes } from 'node:crypto';

/** Storage keys of a product photo: the original and the sizes the worker makes from it. */
export const PHOTO_SIZES = { thumb: 320, display: 1024 } as const;

/**
 * A new original's key: 128 random bits, nothing derived from the product or photo id, so the URL of a photo that is
 * not public cannot be guessed from ids seen elsewhere.
 */
export function originalPhotoKey(ext: 'jpg' | 'png' | 'webp'): string {
  return `photos/${randomBytes(16).toString('hex')}.${ext}`;
}

export function derivedPhotoKey(originalKey: string, size: number): string {
  return `${originalKey.slice(0, originalKey.lastIndexOf('.'))}-${size}.webp`;
}

/** The original and every derived key (for deletion). */
export function photoKeys(originalKey: string): string[] {
  return [originalKey, ...Object.values(PHOTO_SIZES).map((size) => derivedPhotoKey(originalKey, size))];
}

/** Keys of photos stored before keys were random (`products/<productId>/<photoId>.<ext>`) → productId, else null. */
export function productIdOfPhotoKey(key: string): string | null {
  const match = /^products\/([0-9a-f]{24})\/[0-9a-f]{24}\.(jpg|png|webp)$/.exec(key);
  return match ? (match[1] as string) : null;
}

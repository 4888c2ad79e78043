/** Storage keys of a product photo: the original and the sizes the worker makes from it. */
export const PHOTO_SIZES = { thumb: 320, display: 1024 } as const;

export function originalPhotoKey(productId: string, photoId: string, ext: 'jpg' | 'png' | 'webp'): string {
  return `products/${productId}/${photoId}.${ext}`;
}

export function derivedPhotoKey(originalKey: string, size: number): string {
  return `${originalKey.slice(0, originalKey.lastIndexOf('.'))}-${size}.webp`;
}

/** The original and every derived key (for deletion). */
export function photoKeys(originalKey: string): string[] {
  return [originalKey, ...Object.values(PHOTO_SIZES).map((size) => derivedPhotoKey(originalKey, size))];
}

/** `products/<productId>/<photoId>.<ext>` → productId, or null for a key of another shape. */
export function productIdOfPhotoKey(key: string): string | null {
  const match = /^products\/([0-9a-f]{24})\/[0-9a-f]{24}\.(jpg|png|webp)$/.exec(key);
  return match ? (match[1] as string) : null;
}

/** Types `POST /products/:id/photos` accepts (anything else → 415). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * The dictionary key explaining a failed upload: 413 (over UPLOAD_MAX_BYTES) and 415 (not a photo) get their
 * own words, since a household can act on them; anything else uses the API's message.
 */
export function photoErrorKey(status: number): 'seller.photos.tooLarge' | 'seller.photos.wrongType' | null {
  if (status === 413) return 'seller.photos.tooLarge';
  if (status === 415) return 'seller.photos.wrongType';
  return null;
}

/** Checked before uploading, to spare a slow connection; an empty type (some Android pickers) goes to the API. */
export function isAcceptedPhotoType(type: string): boolean {
  return !type || (PHOTO_TYPES as readonly string[]).includes(type.toLowerCase());
}

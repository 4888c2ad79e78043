import { isAcceptedPhotoType, photoErrorKey } from './photo-errors';

describe('photo upload errors', () => {
  it('explains 413 and 415 in the household’s words', () => {
    expect(photoErrorKey(413)).toBe('seller.photos.tooLarge');
    expect(photoErrorKey(415)).toBe('seller.photos.wrongType');
    expect(photoErrorKey(400)).toBeNull();
  });
  it('accepts jpeg/png/webp and unknown types (left to the API)', () => {
    expect(isAcceptedPhotoType('image/jpeg')).toBe(true);
    expect(isAcceptedPhotoType('')).toBe(true);
    expect(isAcceptedPhotoType('application/pdf')).toBe(false);
  });
});

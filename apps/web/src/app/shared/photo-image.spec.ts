import { photoLoader, photoSrcset } from './photo-image';

const SMALL = '/api/media/photos/a-320.webp';
const variants = [
  { url: '/api/media/photos/a-320.webp', width: 320, height: 240 },
  { url: '/api/media/photos/a-1024.webp', width: 1024, height: 768 },
];

describe('photo image loader', () => {
  it('maps each srcset width to the URL of that WebP size, and the plain src to the URL given', () => {
    expect(photoSrcset(variants)).toBe('320w, 1024w');
    expect(photoLoader({ src: SMALL, width: 1024, loaderParams: { variants } })).toBe('/api/media/photos/a-1024.webp');
    expect(photoLoader({ src: SMALL, width: 320, loaderParams: { variants } })).toBe('/api/media/photos/a-320.webp');
    expect(photoLoader({ src: SMALL, loaderParams: { variants } })).toBe('/api/media/photos/a-320.webp');
    expect(photoLoader({ src: '/api/media/photos/b.jpg' })).toBe('/api/media/photos/b.jpg');
  });
});

import { Types } from 'mongoose';
import { photoVariants } from './product-view';

const url = (key: string) => `/api/media/${key}`;
const photo = (fields: { width?: number; height?: number; status?: 'processing' | 'ready' | 'failed' }) => ({
  _id: new Types.ObjectId(),
  key: 'photos/abc.jpg',
  thumbKey: 'photos/abc-320.webp',
  displayKey: 'photos/abc-1024.webp',
  approved: true,
  status: 'ready' as const,
  ...fields,
});

describe('photoVariants (the srcset of a product photo)', () => {
  it('gives each WebP size with the pixel size the worker made, narrowest first', () => {
    expect(photoVariants(photo({ width: 1600, height: 1200 }), url)).toEqual([
      { url: '/api/media/photos/abc-320.webp', width: 320, height: 240 },
      { url: '/api/media/photos/abc-1024.webp', width: 1024, height: 768 },
    ]);
    expect(photoVariants(photo({ width: 900, height: 1600 }), url)).toEqual([
      { url: '/api/media/photos/abc-320.webp', width: 180, height: 320 },
      { url: '/api/media/photos/abc-1024.webp', width: 576, height: 1024 },
    ]);
  });

  it('never enlarges: an original smaller than a size is that size once', () => {
    expect(photoVariants(photo({ width: 800, height: 800 }), url).map((v) => v.width)).toEqual([320, 800]);
    expect(photoVariants(photo({ width: 200, height: 100 }), url)).toEqual([{ url: '/api/media/photos/abc-320.webp', width: 200, height: 100 }]);
  });

  it('describes photos resized before sizes were recorded as squares of the nominal sizes, and has none until ready', () => {
    expect(photoVariants(photo({}), url).map((v) => [v.width, v.height])).toEqual([[320, 320], [1024, 1024]]);
    expect(photoVariants(photo({ status: 'processing', width: 1600, height: 1200 }), url)).toEqual([]);
    expect(photoVariants(photo({ status: 'failed' }), url)).toEqual([]);
  });
});

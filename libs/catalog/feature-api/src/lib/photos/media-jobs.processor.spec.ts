import { assertEveryJobHandled } from '@nss/server-core';
import { MediaJobsProcessor } from './media-jobs.processor';
import type { PhotoThumbnailer } from './photo-thumbnailer';

describe('media job handlers', () => {
  it('has a handler for every declared media job, so the worker starts', () => {
    const processor = new MediaJobsProcessor({ run: jest.fn() } as unknown as PhotoThumbnailer);
    expect(() => processor.onModuleInit()).not.toThrow();
  });

  it('refuses to start when a declared job name has no handler', () => {
    expect(() => assertEveryJobHandled('media', ['photo.thumbnails', 'photo.watermark'], { 'photo.thumbnails': () => undefined })).toThrow(
      /no handler for job\(s\) photo\.watermark/,
    );
  });

  it('dispatches by job name and rejects unknown names without retry', async () => {
    const run = jest.fn().mockResolvedValue(undefined);
    const processor = new MediaJobsProcessor({ run } as unknown as PhotoThumbnailer);
    const data = { photoId: 'p', storageKey: 'products/x/p.png' };
    await processor.process({ name: 'photo.thumbnails', data } as never);
    expect(run).toHaveBeenCalledWith(data);
    await expect(processor.process({ name: 'photo.unknown', data } as never)).rejects.toThrow(/No handler/);
  });
});

import { MEDIA_JOB_NAMES, mediaJobId } from './queues';

describe('media job ids', () => {
  it('are stable per photo and free of the ":" BullMQ rejects in custom ids', () => {
    const id = mediaJobId('photo.thumbnails', { photoId: 'p1', storageKey: 'a/b.png' });
    expect(id).toBe(mediaJobId('photo.thumbnails', { photoId: 'p1', storageKey: 'other' }));
    expect(id).not.toContain(':');
  });
  it('lists every media job name', () => {
    expect(MEDIA_JOB_NAMES).toContain('photo.thumbnails');
  });
});

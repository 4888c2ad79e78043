// Not tested here: that MEDIA_JOB_NAMES lists a name (a constant). That every name has a handler is tested with
// the processor (media-jobs.processor.spec.ts).
import { mediaJobId } from './queues';

describe('media job ids', () => {
  it('are stable per photo and free of the ":" BullMQ rejects in custom ids', () => {
    const id = mediaJobId('photo.thumbnails', { photoId: 'p1', storageKey: 'a/b.png' });
    expect(id).toBe(mediaJobId('photo.thumbnails', { photoId: 'p1', storageKey: 'other' }));
    expect(id).not.toContain(':');
  });
});

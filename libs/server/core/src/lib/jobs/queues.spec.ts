// Not tested here: that MEDIA_JOB_NAMES lists a name (a constant). That every name has a handler is tested with
// the processor (media-jobs.processor.spec.ts).
import { mediaJobId, stampJobId, stampRangeJobId } from './queues';

describe('media job ids', () => {
  it('are stable per photo and free of the ":" BullMQ rejects in custom ids', () => {
    const id = mediaJobId('photo.thumbnails', { photoId: 'p1', storageKey: 'a/b.png' });
    expect(id).toBe(mediaJobId('photo.thumbnails', { photoId: 'p1', storageKey: 'other' }));
    expect(id).not.toContain(':');
  });
});

describe('stamp job ids', () => {
  it('are one per batch and free of ":"', () => {
    expect(stampJobId('65f0a1b2c3d4e5f6a7b8c9d0')).toBe('stamps.generate__65f0a1b2c3d4e5f6a7b8c9d0');
    expect(stampJobId('x')).not.toContain(':');
    expect(stampRangeJobId('stamps.voided:65f0a1b2c3d4e5f6a7b8c9d0:3')).toBe('stamps.range__stamps.voided_65f0a1b2c3d4e5f6a7b8c9d0_3');
  });
});

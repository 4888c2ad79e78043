import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStorage } from './local-disk-storage';
import { isValidMediaKey } from './media-storage';

describe('LocalDiskStorage', () => {
  const storage = new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'nss-storage-')));

  it('stores, reads, streams and deletes by key', async () => {
    await storage.put('products/abc/p1.png', Buffer.from('hello'), 'image/png');
    expect((await storage.get('products/abc/p1.png'))?.toString()).toBe('hello');
    const streamed = await storage.getStream('products/abc/p1.png');
    expect(streamed).toMatchObject({ size: 5, contentType: 'image/png' });
    streamed?.stream.destroy();
    await storage.delete('products/abc/p1.png');
    expect(await storage.get('products/abc/p1.png')).toBeNull();
    await expect(storage.delete('products/abc/p1.png')).resolves.toBeUndefined();
    expect(storage.url('products/abc/p1.png')).toBe('/api/media/products/abc/p1.png');
  });

  it('refuses keys that could leave the storage root', async () => {
    for (const key of ['../etc/passwd.png', 'products/../../x.png', '/abs.png', 'a\\b.png', 'x.exe', 'products//x.png', '']) {
      expect(isValidMediaKey(key)).toBe(false);
      expect(await storage.getStream(key)).toBeNull();
    }
    await expect(storage.put('../evil.png', Buffer.from('x'), 'image/png')).rejects.toThrow();
  });
});

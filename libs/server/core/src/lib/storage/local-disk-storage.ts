import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MEDIA_URL_PREFIX, MediaStorage, contentTypeOfKey, isValidMediaKey } from './media-storage';

/** Media on the local disk under MEDIA_DIR (single host, or a shared volume mounted by the API and the worker). */
export class LocalDiskStorage extends MediaStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  /** The file path of a key; null for anything that is not a valid key or would leave the root. */
  private pathOf(key: string): string | null {
    if (!isValidMediaKey(key)) return null;
    const path = resolve(this.root, key);
    return path.startsWith(this.root + sep) ? path : null;
  }

  private requirePath(key: string): string {
    const path = this.pathOf(key);
    if (!path) throw new Error(`Invalid media key "${key}"`);
    return path;
  }

  async put(key: string, data: Buffer, _contentType: string): Promise<void> {
    const path = this.requirePath(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, data);
    await rename(temp, path);
  }

  async getStream(key: string) {
    const path = this.pathOf(key);
    if (!path) return null;
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      return { stream: createReadStream(path), size: info.size, contentType: contentTypeOfKey(key) };
    } catch {
      return null;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    const path = this.pathOf(key);
    if (!path) return null;
    try {
      return await readFile(path);
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    if (path) await rm(path, { force: true });
  }

  url(key: string): string {
    return `${MEDIA_URL_PREFIX}${key}`;
  }
}

/**
 * A bounded least-recently-used map of serialised answers (JSON text), limited both in entries and in characters, so
 * a flood of distinct queries cannot grow the API's memory. A hit moves the entry to the young end (a Map keeps
 * insertion order: the oldest key is the first).
 *
 * Hand-written because no maintained LRU is a direct dependency yet (lru-cache is only a transitive one, in an old
 * major); `lru-cache`'s `LRUCache({ max, maxSize, sizeCalculation })` would replace it one for one.
 */
export class AnswerCache {
  private readonly entries = new Map<string, string>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Characters held (a JSON text's length; about its size in bytes for mostly-ASCII answers). */
  get heldChars(): number {
    return this.chars;
  }

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: string): void {
    if (value.length > this.maxChars) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.chars -= old.length;
    }
    this.entries.set(key, value);
    this.chars += value.length;
    while (this.entries.size > this.maxEntries || this.chars > this.maxChars) {
      const oldest = this.entries.keys().next().value as string;
      this.chars -= (this.entries.get(oldest) as string).length;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

import { AnswerCache } from './answer-cache';

describe('AnswerCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new AnswerCache(2, 1_000);
    cache.set('a', '1');
    cache.set('b', '2');
    expect(cache.get('a')).toBe('1');
    cache.set('c', '3');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('1');
    expect(cache.get('c')).toBe('3');
    expect(cache.size).toBe(2);
  });

  it('keeps at most maxChars of text, and never an answer larger than that', () => {
    const cache = new AnswerCache(100, 10);
    cache.set('a', 'xxxx');
    cache.set('b', 'yyyy');
    cache.set('c', 'zzzz');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.heldChars).toBe(8);
    cache.set('big', 'x'.repeat(11));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.heldChars).toBe(8);
  });

  it('replaces a key in place and empties on clear', () => {
    const cache = new AnswerCache(10, 100);
    cache.set('a', 'one');
    cache.set('a', 'three');
    expect(cache.heldChars).toBe(5);
    expect(cache.get('a')).toBe('three');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.heldChars).toBe(0);
    expect(cache.get('a')).toBeUndefined();
  });
});

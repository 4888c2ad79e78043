import { newClientId } from './client-id';
import { formatDay, fromVnLocalInput, toVnLocalInput } from './vn-time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newClientId', () => {
  it('uses crypto.randomUUID where the browser has it', () => {
    expect(newClientId({ randomUUID: () => '3f1c2a9e-5b7d-4c1a-9e2f-0a1b2c3d4e5f' })).toBe('3f1c2a9e-5b7d-4c1a-9e2f-0a1b2c3d4e5f');
  });

  it('builds a lower-case version-4 UUID from getRandomValues outside secure contexts (plain http on a phone)', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = newClientId({ getRandomValues: <T extends ArrayBufferView | null>(array: T) => globalThis.crypto.getRandomValues(array as Uint8Array) as unknown as T });
      expect(id).toMatch(UUID);
      ids.add(id);
    }
    expect(ids.size).toBe(200);
    expect(newClientId({ getRandomValues: <T extends ArrayBufferView | null>(array: T) => array })).toBe('00000000-0000-4000-8000-000000000000');
  });
});

describe('Vietnam time in datetime-local inputs', () => {
  it('writes and reads the Vietnam wall clock whatever the device zone', () => {
    expect(toVnLocalInput(new Date('2026-03-15T01:30:00Z'))).toBe('2026-03-15T08:30');
    expect(toVnLocalInput(new Date('2026-03-14T18:00:00Z'))).toBe('2026-03-15T01:00');
    expect(fromVnLocalInput('2026-03-15T08:30')).toBe('2026-03-15T01:30:00.000Z');
    expect(fromVnLocalInput('2026-03-15T01:00:00')).toBe('2026-03-14T18:00:00.000Z');
    expect(fromVnLocalInput('')).toBeNull();
    expect(fromVnLocalInput('15/03/2026 08:30')).toBeNull();
    expect(formatDay('2026-03-15')).toBe('15/03/2026');
  });
});

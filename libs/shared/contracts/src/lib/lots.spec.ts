import { vnDayKey } from '@nss/util-vn';
import { createDiaryEntrySchema, createLotSchema, lotListQuerySchema, updateLotSchema } from './lots';

const ID = '0123456789abcdef01234567';
const OTHER = '0123456789abcdef01234568';
const UUID = '3f1c2a9e-5b7d-4c1a-9e2f-0a1b2c3d4e5f';

const lot = { productId: ID, code: 'TC-2026-01', producedOn: '2026-03-15', quantity: 120.5, unit: 'kg', communeCode: '05503' };
const entry = { clientId: UUID, type: 'harvest', at: '2026-03-15T01:30:00.000Z', place: { text: 'Đồi chè xóm Hồng Thái' } };

function paths(result: { error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

describe('lot contracts', () => {
  it('accepts a lot with the Circular 02 facts, trimming text', () => {
    const parsed = createLotSchema.parse({ ...lot, code: ' TC-2026-01 ', standards: [' VietGAP '], note: 'Vụ xuân\nhái tay' });
    expect(parsed).toMatchObject({ code: 'TC-2026-01', standards: ['VietGAP'], note: 'Vụ xuân\nhái tay' });
  });

  it('names the field at fault', () => {
    expect(paths(createLotSchema.safeParse({ ...lot, code: 'LÔ 1' }))).toEqual(['code']);
    expect(paths(createLotSchema.safeParse({ ...lot, code: 'x'.repeat(21) }))).toEqual(['code']);
    expect(paths(createLotSchema.safeParse({ ...lot, producedOn: '2026-02-30' }))).toEqual(['producedOn']);
    expect(paths(createLotSchema.safeParse({ ...lot, producedOn: '2999-01-01' }))).toEqual(['producedOn']);
    expect(paths(createLotSchema.safeParse({ ...lot, expiresOn: '2026-03-14' }))).toEqual(['expiresOn']);
    expect(paths(createLotSchema.safeParse({ ...lot, quantity: 0 }))).toEqual(['quantity']);
    expect(paths(createLotSchema.safeParse({ ...lot, unit: 'tấn' }))).toEqual(['unit']);
    expect(paths(createLotSchema.safeParse({ ...lot, communeCode: '5503' }))).toEqual(['communeCode']);
    expect(paths(createLotSchema.safeParse({ ...lot, shelfLifeDays: 1.5 }))).toEqual(['shelfLifeDays']);
    expect(paths(createLotSchema.safeParse({ ...lot, standards: ['VietGAP', 'vietgap'] }))).toEqual(['standards']);
    expect(paths(createLotSchema.safeParse({ ...lot, standards: Array.from({ length: 11 }, (_, i) => `S${i}`) }))).toEqual(['standards']);
    expect(paths(createLotSchema.safeParse({ ...lot, photoIds: [ID, ID] }))).toEqual(['photoIds']);
    expect(paths(createLotSchema.safeParse({ ...lot, productId: ID.toUpperCase() }))).toEqual(['productId']);
    expect(paths(createLotSchema.safeParse({ ...lot, note: 'a\u0007b' }))).toEqual(['note']);
    expect(paths(createLotSchema.safeParse({ ...lot, status: 'closed' }))).toEqual(['']);
  });

  it('takes today (Vietnam time) as a production date', () => {
    expect(createLotSchema.safeParse({ ...lot, producedOn: vnDayKey(new Date()) }).success).toBe(true);
  });

  it('patches at least one field, and clears optional ones with null', () => {
    expect(paths(updateLotSchema.safeParse({}))).toEqual(['']);
    expect(updateLotSchema.parse({ expiresOn: null, note: null })).toEqual({ expiresOn: null, note: null });
    expect(paths(updateLotSchema.safeParse({ productId: ID }))).toEqual(['']);
    expect(paths(updateLotSchema.safeParse({ producedOn: '2026-03-15', expiresOn: '2026-01-01' }))).toEqual(['expiresOn']);
  });

  it('reads list queries from strings', () => {
    expect(lotListQuerySchema.parse({ page: '2', status: 'open' })).toEqual({ page: 2, pageSize: 20, status: 'open' });
    expect(lotListQuerySchema.safeParse({ status: 'sold' }).success).toBe(false);
  });
});

describe('diary contracts', () => {
  it('accepts an entry with a device-made UUID', () => {
    expect(createDiaryEntrySchema.parse(entry)).toEqual(entry);
  });

  it('refuses upper-case or malformed client ids, times ahead of the clock, and inputs outside processing', () => {
    expect(paths(createDiaryEntrySchema.safeParse({ ...entry, clientId: UUID.toUpperCase() }))).toEqual(['clientId']);
    expect(paths(createDiaryEntrySchema.safeParse({ ...entry, clientId: 'offline-1' }))).toEqual(['clientId']);
    const later = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
    expect(paths(createDiaryEntrySchema.safeParse({ ...entry, at: later }))).toEqual(['at']);
    expect(paths(createDiaryEntrySchema.safeParse({ ...entry, place: { text: '  ' } }))).toEqual(['place.text']);
    expect(paths(createDiaryEntrySchema.safeParse({ ...entry, type: 'selling' }))).toEqual(['type']);
    expect(paths(createDiaryEntrySchema.safeParse({ ...entry, inputs: [{ lotId: OTHER }] }))).toEqual(['inputs']);
    expect(paths(createDiaryEntrySchema.safeParse({ ...entry, type: 'processing', inputs: [{ lotId: OTHER }, { lotId: OTHER }] }))).toEqual(['inputs']);
    expect(paths(createDiaryEntrySchema.safeParse({ ...entry, type: 'processing', inputs: [{ lotId: 'x' }] }))).toEqual(['inputs.0.lotId']);
    expect(createDiaryEntrySchema.safeParse({ ...entry, type: 'processing', inputs: [{ lotId: OTHER, quantity: 12 }] }).success).toBe(true);
  });
});

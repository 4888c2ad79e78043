import fs from 'node:fs';
import path from 'node:path';
import { newSerials, parseStampPath } from '@nss/trace-codes';
import { EPCIS_GS1_DIR, expandEpcis, validateEpcisSchema } from '../testing';
import { buildLotEpcis, lotClassUri, type LotEpcisInput } from './lot-epcis';

const BASE = 'https://truyxuat.example.vn';

function input(overrides: Partial<LotEpcisInput['lot']> = {}): LotEpcisInput {
  const serials = newSerials(5);
  return {
    baseUrl: BASE,
    createdAt: new Date('2026-11-30T03:00:00Z'),
    lot: {
      id: '674a1b2c3d4e5f6a7b8c9d0e',
      code: 'TN-2026-11',
      productName: 'Chè Tân Cương',
      gtin: '8938505974194',
      sellerId: '674a00000000000000000001',
      sellerName: 'HTX Chè La Bằng',
      provinceCode: '19',
      communeCode: '05602',
      producedOn: '2026-11-02',
      expiresOn: '2027-11-02',
      quantity: 120,
      unit: 'kg',
      createdAt: new Date('2026-10-01T01:00:00Z'),
      ...overrides,
    },
    diary: [
      { id: 'd1', type: 'planting', at: new Date('2026-03-01T00:00:00Z'), recordedAt: new Date('2026-03-01T01:00:00Z'), place: { text: 'Đồi chè số 3', communeCode: '05602' }, note: 'Trồng giống LDP1', inputs: [] },
      { id: 'd2', type: 'harvest', at: new Date('2026-10-20T23:30:00Z'), recordedAt: new Date('2026-10-21T02:00:00Z'), place: { text: '', communeCode: null }, note: '', inputs: [] },
      {
        id: 'd3',
        type: 'processing',
        at: new Date('2026-10-25T02:00:00Z'),
        recordedAt: new Date('2026-10-25T02:05:00Z'),
        place: { text: 'Xưởng sao chè', communeCode: '05602' },
        note: 'Sao suốt, vò, sấy',
        inputs: [
          { lotId: '674a1b2c3d4e5f6a7b8c9d01', lotCode: 'CHE-TUOI-1', gtin: null, quantity: 300, unit: 'kg' },
          { lotId: '674a1b2c3d4e5f6a7b8c9d02', lotCode: 'CHE-TUOI-2', gtin: null, quantity: null },
        ],
      },
      { id: 'd4', type: 'packing', at: new Date('2026-11-02T03:00:00Z'), recordedAt: new Date('2026-11-02T03:00:00Z'), place: { text: '', communeCode: '05602' }, note: '', inputs: [] },
    ],
    commissioning: [{ batchId: 'b1', batchCode: 'LT7K2M9QAB', at: new Date('2026-11-03T04:00:00Z'), serials }],
    shipments: [{ orderId: 'o1', orderCode: 'DH2611AB12', shippedAt: new Date('2026-11-10T05:00:00Z'), quantity: 2, serials: serials.slice(0, 2) }],
  };
}

function eventsOf(doc: ReturnType<typeof buildLotEpcis>) {
  return doc.epcisBody.eventList;
}

describe('buildLotEpcis', () => {
  it("conforms to GS1's EPCIS 2.0 JSON Schema and expands against GS1's context without dropping a term", async () => {
    const doc = buildLotEpcis(input());
    expect(validateEpcisSchema(doc)).toEqual([]);
    const expanded = JSON.stringify(await expandEpcis(doc));
    // The events came through expansion as GS1 terms, and our own terms under our vocabulary.
    expect(expanded).toContain('https://ref.gs1.org/epcis/ObjectEvent');
    expect(expanded).toContain('https://ref.gs1.org/epcis/TransformationEvent');
    expect(expanded).toContain('https://nongsanso.vn/voc/note');
    expect(expanded).toContain('Sao suốt, vò, sấy');
  });

  it('says what happened to the lot: commissioning of its stamps, the diary, processing from its inputs, the shipment', () => {
    const data = input();
    const doc = buildLotEpcis(data);
    const events = eventsOf(doc);
    expect(events.map((e) => [e['type'], e['bizStep']])).toEqual([
      ['ObjectEvent', 'https://nongsanso.vn/voc/bizstep/planting'],
      ['ObjectEvent', 'https://nongsanso.vn/voc/bizstep/harvesting'],
      ['TransformationEvent', 'https://nongsanso.vn/voc/bizstep/processing'],
      ['ObjectEvent', 'packing'],
      ['ObjectEvent', 'commissioning'],
      ['ObjectEvent', 'shipping'],
    ]);
    const commissioning = events[4]!;
    expect(commissioning).toMatchObject({ action: 'ADD', disposition: 'active', ilmd: { 'cbvmda:lotNumber': 'TN-2026-11', 'cbvmda:itemExpirationDate': '2027-11-02' } });
    const epcs = commissioning['epcList'] as string[];
    expect(epcs).toHaveLength(5);
    // Each EPC is the stamp's own GS1 Digital Link, which the scan page resolves.
    for (const [i, epc] of epcs.entries()) {
      expect(parseStampPath(new URL(epc).pathname)).toEqual({ serial: data.commissioning[0]!.serials[i], gtin: '08938505974194', lotCode: 'TN-2026-11' });
    }
    const transformation = events[2]!;
    expect(transformation['inputQuantityList']).toEqual([
      { epcClass: `${BASE}/lots/674a1b2c3d4e5f6a7b8c9d01`, quantity: 300, uom: 'KGM' },
      { epcClass: `${BASE}/lots/674a1b2c3d4e5f6a7b8c9d02` },
    ]);
    expect(transformation['outputQuantityList']).toEqual([{ epcClass: `${BASE}/01/08938505974194/10/TN-2026-11`, quantity: 120, uom: 'KGM' }]);
    const shipment = events[5]!;
    expect(shipment['bizTransactionList']).toEqual([{ type: 'po', bizTransaction: `${BASE}/orders/DH2611AB12` }]);
    expect(shipment['epcList']).toEqual(epcs.slice(0, 2));
    expect(events.every((e) => e['eventTimeZoneOffset'] === '+07:00')).toBe(true);
  });

  it('gives the same event ids for the same records in every export, and different ones for different records', () => {
    const a = input();
    const first = eventsOf(buildLotEpcis(a)).map((e) => e['eventID']);
    const again = eventsOf(buildLotEpcis({ ...a, createdAt: new Date() })).map((e) => e['eventID']);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('without a GTIN the stamps are the short /t/ URLs and the lot is a URI of ours, still valid EPCIS', async () => {
    const doc = buildLotEpcis(input({ gtin: null }));
    expect(validateEpcisSchema(doc)).toEqual([]);
    await expect(expandEpcis(doc)).resolves.toBeDefined();
    const commissioning = eventsOf(doc).find((e) => e['bizStep'] === 'commissioning')!;
    for (const epc of commissioning['epcList'] as string[]) expect(epc).toMatch(new RegExp(`^${BASE}/t/[2-9A-HJKMNP-Z]{14}$`));
    expect(lotClassUri(BASE, { id: 'abc', code: 'X', gtin: null })).toBe(`${BASE}/lots/abc`);
  });

  it('carries no buyer data: the shipment names the order code only', () => {
    const text = JSON.stringify(buildLotEpcis(input()));
    expect(text).not.toMatch(/buyer|recipient|phone|address/i);
  });

  it('the checks are real: a broken document fails the schema, an unknown term fails the expansion', async () => {
    const doc = buildLotEpcis(input());
    const broken = structuredClone(doc);
    delete broken.epcisBody.eventList[0]!['eventTimeZoneOffset'];
    broken.epcisBody.eventList[1]!['action'] = 'HARVEST';
    const errors = validateEpcisSchema(broken);
    expect(errors.join('\n')).toMatch(/eventTimeZoneOffset/);
    expect(errors.join('\n')).toMatch(/action|allowed values/);
    const unknownTerm = structuredClone(doc);
    unknownTerm.epcisBody.eventList[0]!['cropVariety'] = 'LDP1';
    await expect(expandEpcis(unknownTerm)).rejects.toThrow();
  });

  it("accepts GS1's own example (the validator reads the standard, not our output)", () => {
    const example = JSON.parse(fs.readFileSync(path.join(EPCIS_GS1_DIR, 'Example_9.6.1-ObjectEvent.jsonld'), 'utf8'));
    expect(validateEpcisSchema(example)).toEqual([]);
  });
});

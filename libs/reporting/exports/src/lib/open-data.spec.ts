import { FIGURE_NAMES } from '@nss/report-figures';
import { OPEN_DATA_DICTIONARY, OPEN_DATA_LICENCE, openDataFiles } from './open-data';
import { NOVEMBER, communeRows, parseCsv } from './testing/report-fixture';

const province = { code: '19', name: { vi: 'Tỉnh Thái Nguyên', en: 'Thai Nguyen Province' } };

/** Rows as a careless caller might pass them: with a person's name, phone and ids next to the figures. */
function leakyRows() {
  return communeRows(3).map((row) => ({
    ...row,
    name: { ...row.name },
    householdName: 'Nguyễn Văn An',
    phone: '0912345678',
    sellerId: '665f1c2b9d3e4a0012345678',
    values: { ...row.values, phone: 912345678, sellerId: 42 },
  }));
}

describe('openDataFiles', () => {
  const files = openDataFiles(province, '2026-11', { communes: leakyRows(), total: { ...NOVEMBER } });

  it('has a data dictionary: every column with Vietnamese and English descriptions, a type and its unit', () => {
    const names = OPEN_DATA_DICTIONARY.map((c) => c.name);
    expect(names.slice(0, 7)).toEqual(['province_code', 'province_name', 'month', 'level', 'commune_code', 'commune_name', 'former_commune']);
    expect(names).toHaveLength(7 + FIGURE_NAMES.length);
    expect(names).toContain('weight_kg');
    expect(OPEN_DATA_DICTIONARY.find((c) => c.name === 'revenue_vnd')).toMatchObject({ type: 'integer', unit: { vi: 'đồng', en: 'VND' } });
    for (const c of OPEN_DATA_DICTIONARY) {
      expect(c.description.vi).toBeTruthy();
      expect(c.description.en).toBeTruthy();
    }
  });

  it('writes the CSV with a BOM, the dictionary columns, the province row first and one row per commune', () => {
    expect([...files.csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(files.csv).toMatchObject({ fileName: 'nong-san-so-19-2026-11.csv', contentType: 'text/csv; charset=utf-8' });
    const [header, ...rows] = parseCsv(files.csv.body.subarray(3).toString('utf8'));
    expect(header).toEqual(OPEN_DATA_DICTIONARY.map((c) => c.name));
    const at = (row: string[] | undefined, name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(rows).toHaveLength(5);
    expect(at(rows[0], 'level')).toBe('province');
    expect(at(rows[0], 'households_trained')).toBe('1354');
    expect(at(rows[0], 'weight_kg')).toBe('37512');
    expect(at(rows[1], 'commune_name')).toBe('Phường Bắc Kạn');
    expect(at(rows[1], 'former_commune')).toBe('false');
    expect(at(rows[4], 'commune_code')).toBe('05443');
    expect(at(rows[4], 'former_commune')).toBe('true');
  });

  it('serves the same rows as JSON with the title, the CC BY 4.0 licence crediting Nông Sàn Số, and the dictionary', () => {
    const json = files.json.body;
    expect(files.json.fileName).toBe('nong-san-so-19-2026-11.json');
    expect(json.licence).toBe(OPEN_DATA_LICENCE);
    expect(json.licence).toMatchObject({ id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', attribution: 'Nông Sàn Số' });
    expect(json.title.vi).toContain('Tỉnh Thái Nguyên');
    expect(json.rows[0]).toMatchObject({ province_code: '19', month: '2026-11', level: 'province', households_trained: 1354, revenue_vnd: 1_234_567_890 });
    expect(json.rows.every((r) => Object.keys(r).join() === OPEN_DATA_DICTIONARY.map((c) => c.name).join())).toBe(true);
  });

  it('never carries a name, phone or id of a person, whatever the rows hold', () => {
    const everything = files.csv.body.toString('utf8') + JSON.stringify(files.json.body);
    for (const personal of ['Nguyễn Văn An', '0912345678', '912345678', '665f1c2b9d3e4a0012345678', 'householdName', 'phone', 'sellerId']) {
      expect(everything).not.toContain(personal);
    }
  });

  it('gives the same ETag for the same data, another when a figure changes (no time stamp inside)', () => {
    const again = openDataFiles(province, '2026-11', { communes: leakyRows(), total: { ...NOVEMBER } });
    expect(again.csv.etag).toBe(files.csv.etag);
    expect(again.json.etag).toBe(files.json.etag);
    const changed = openDataFiles(province, '2026-11', { communes: leakyRows(), total: { ...NOVEMBER, orders_sold: 2994 } });
    expect(changed.csv.etag).not.toBe(files.csv.etag);
    expect(changed.json.etag).not.toBe(files.json.etag);
    expect(files.csv.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it('refuses a malformed province or month', () => {
    expect(() => openDataFiles({ ...province, code: '../19' }, '2026-11', { communes: [], total: {} })).toThrow(RangeError);
    expect(() => openDataFiles(province, '2026-13', { communes: [], total: {} })).toThrow(RangeError);
  });
});

import { PassThrough, Writable } from 'node:stream';
import type { StampLabel } from './stamp-label';
import { writeStampCsv } from './stamp-csv';

function collect(): { out: PassThrough; bytes: () => Buffer } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, bytes: () => Buffer.concat(chunks) };
}

const label = (serial: string, extra: Partial<StampLabel> = {}): StampLabel => ({
  serial,
  url: `https://nongsanso.vn/t/${serial}`,
  productName: 'Chè Thái Nguyên',
  producerName: 'HTX Chè Tân Cương',
  lotCode: 'CHE-01',
  ...extra,
});

describe('stamp CSV for label printers', () => {
  it('starts with a UTF-8 byte-order mark and the header, ends records with CRLF, and keeps Vietnamese exact', async () => {
    const { out, bytes } = collect();
    const result = await writeStampCsv([label('ABCDEFGHJKMNP2'), label('23456789ABCDEF', { lotCode: undefined })], out);
    const buf = bytes();
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.subarray(3).toString('utf8')).toBe(
      'serial,url,product,producer,lot\r\n' +
        'ABCDEFGHJKMNP2,https://nongsanso.vn/t/ABCDEFGHJKMNP2,Chè Thái Nguyên,HTX Chè Tân Cương,CHE-01\r\n' +
        '23456789ABCDEF,https://nongsanso.vn/t/23456789ABCDEF,Chè Thái Nguyên,HTX Chè Tân Cương,\r\n',
    );
    expect(result).toEqual({ rows: 2, bytes: buf.length });
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180) and defuses spreadsheet formulas', async () => {
    const { out, bytes } = collect();
    await writeStampCsv(
      [
        label('ABCDEFGHJKMNP2', { productName: 'Gạo "ST25", túi 5kg', producerName: 'HTX Một\r\nHai' }),
        label('23456789ABCDEF', { productName: '=HYPERLINK("http://evil.example","bấm")', producerName: '@SUM(1+1)', lotCode: '-2+3' }),
      ],
      out,
    );
    const lines = bytes().subarray(3).toString('utf8').split('\r\n');
    expect(lines[1]).toBe('ABCDEFGHJKMNP2,https://nongsanso.vn/t/ABCDEFGHJKMNP2,"Gạo ""ST25"", túi 5kg","HTX Một');
    expect(lines[2]).toBe('Hai",CHE-01');
    expect(lines[3]).toBe(`23456789ABCDEF,https://nongsanso.vn/t/23456789ABCDEF,"'=HYPERLINK(""http://evil.example"",""bấm"")",'@SUM(1+1),'-2+3`);
    expect(lines[4]).toBe('');
  });

  it('writes NFC text, so a decomposed Vietnamese name is the same bytes as a precomposed one', async () => {
    const { out, bytes } = collect();
    await writeStampCsv([label('ABCDEFGHJKMNP2', { productName: 'Chè Thái Nguyên'.normalize('NFD') })], out);
    expect(bytes().toString('utf8')).toContain(',Chè Thái Nguyên,');
  });

  it('writes only the BOM and the header for no stamps, and takes async iterables', async () => {
    const { out, bytes } = collect();
    expect(await writeStampCsv([], out)).toEqual({ rows: 0, bytes: 3 + 'serial,url,product,producer,lot\r\n'.length });
    expect(bytes().subarray(3).toString()).toBe('serial,url,product,producer,lot\r\n');

    async function* stamps() {
      for (let i = 0; i < 3; i++) yield label(`ABCDEFGHJKMN${i}${i}`);
    }
    const second = collect();
    expect((await writeStampCsv(stamps(), second.out)).rows).toBe(3);
    expect(second.bytes().toString().split('\r\n')).toHaveLength(5);
  });

  it('waits for a slow destination (backpressure) and loses nothing', async () => {
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 256,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        setImmediate(done);
      },
    });
    const labels = Array.from({ length: 2000 }, (_, i) => label(`ABCDEFGHJ${String(i).padStart(5, '2')}`));
    const result = await writeStampCsv(labels, slow);
    const text = Buffer.concat(chunks).toString();
    expect(result.rows).toBe(2000);
    expect(result.bytes).toBe(Buffer.byteLength(text));
    expect(text.split('\r\n')).toHaveLength(2002);
  });

  it('rejects and destroys the destination when the source fails', async () => {
    const { out } = collect();
    async function* failing() {
      yield label('ABCDEFGHJKMNP2');
      throw new Error('database went away');
    }
    await expect(writeStampCsv(failing(), out)).rejects.toThrow('database went away');
    expect(out.destroyed).toBe(true);
  });

  it('rejects, without hanging, when the destination fails', async () => {
    const broken = new Writable({
      highWaterMark: 64,
      write(_chunk, _enc, done) {
        setImmediate(() => done(new Error('disk full')));
      },
    });
    const labels = Array.from({ length: 5000 }, (_, i) => label(`ABCDEFGHJ${String(i).padStart(5, '2')}`));
    await expect(writeStampCsv(labels, broken)).rejects.toThrow('disk full');
  });
});

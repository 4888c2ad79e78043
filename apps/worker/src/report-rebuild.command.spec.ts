import { formatRebuildReport, parseRebuildArgs } from './report-rebuild.command';

describe('report:rebuild command line', () => {
  it('reads the province and --apply in either form', () => {
    expect(parseRebuildArgs([])).toEqual({ apply: false });
    expect(parseRebuildArgs(['--province', '19'])).toEqual({ provinceCode: '19', apply: false });
    expect(parseRebuildArgs(['--province=04', '--apply'])).toEqual({ provinceCode: '04', apply: true });
  });

  it('refuses a province that is not a 2-digit code', () => {
    expect(() => parseRebuildArgs(['--province', 'Hà Nội'])).toThrow(/2-digit/);
    expect(() => parseRebuildArgs(['--province'])).toThrow(/2-digit/);
  });

  it('prints the drift per province and figure, bilingual', () => {
    const text = formatRebuildReport({
      provinceCode: '19',
      events: 12,
      deltas: { live: 10, rebuilt: 11 },
      drift: [{ provinceCode: '19', figure: 'orders_sold', live: 3, rebuilt: 4, daysDiffering: 1 }],
      topDrift: [{ provinceCode: '19', daysDiffering: 2 }],
      applied: false,
    });
    expect(text).toContain('lệch/drift 19 orders_sold: live 3, rebuilt 4 (1 days differ)');
    expect(text).toContain('lệch/drift 19 top products/sellers: 2 days differ');
    expect(text).toContain('not applied (add --apply)');
  });
});

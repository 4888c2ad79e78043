import { newSerials } from '@nss/trace-codes';
import { AppError } from '@nss/server-core';
import { linesWithLots } from './order-transitions';
import { checkShipLines, parseShipRequest } from './ship-request';

const PRODUCT = '674a00000000000000000001';
const LOT = '674a00000000000000000002';

function issuesOf(fn: () => unknown): Array<{ path: string }> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).getStatus()).toBe(400);
    return ((error as AppError).getResponse() as { issues: Array<{ path: string }> }).issues;
  }
  throw new Error('expected a 400');
}

describe('parseShipRequest', () => {
  it('accepts a body without lines and normalises serials typed with spaces, dashes and lower case', () => {
    expect(parseShipRequest({ carrier: 'GHN', trackingCode: 'GHN-1' + '234' })).toEqual({ carrier: 'GHN', trackingCode: 'GHN-1234', lines: [] });
    const [serial] = newSerials(1) as [string];
    const typed = `${serial.slice(0, 4).toLowerCase()} ${serial.slice(4, 8)}-${serial.slice(8)}`;
    const parsed = parseShipRequest({ carrier: 'GHN', trackingCode: 'GHN-1234', lines: [{ productId: PRODUCT, lotId: LOT, serials: [typed] }] });
    expect(parsed.lines).toEqual([{ path: 'lines.0', productId: PRODUCT, lotId: LOT, serials: [serial] }]);
  });

  it('refuses a wrong check character, a serial named twice and a product named twice, naming each', () => {
    const [a, b] = newSerials(2) as [string, string];
    const wrong = a.slice(0, -1) + (a.endsWith('2') ? '3' : '2');
    const issues = issuesOf(() =>
      parseShipRequest({
        carrier: 'GHN',
        trackingCode: 'GHN-1234',
        lines: [
          { productId: PRODUCT, lotId: LOT, serials: [b, wrong] },
          { productId: PRODUCT, lotId: LOT, serials: [b] },
        ],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['lines.0.serials.1', 'lines.1.productId', 'lines.1.serials.0']);
  });

  it('refuses unknown fields and malformed ids through the contract', () => {
    expect(issuesOf(() => parseShipRequest({ carrier: 'GHN', trackingCode: 'GHN-1234', lines: [{ productId: 'x', lotId: LOT }] })).map((i) => i.path)).toEqual([
      'lines.0.productId',
    ]);
    expect(issuesOf(() => parseShipRequest({ carrier: 'GHN', trackingCode: 'GHN-1234', extra: 1 })).length).toBe(1);
  });
});

describe('checkShipLines', () => {
  it('names a product the order does not have and more stamps than the line quantity', () => {
    const order = { lines: [{ productId: PRODUCT, quantity: 1 }] } as never;
    const serials = newSerials(2);
    const issues = issuesOf(() =>
      checkShipLines(order, [
        { path: 'lines.0', productId: PRODUCT, lotId: LOT, serials },
        { path: 'lines.1', productId: LOT, lotId: LOT, serials: [] },
      ]),
    );
    expect(issues.map((i) => i.path)).toEqual(['lines.0.serials', 'lines.1.productId']);
    expect(checkShipLines(order, [{ path: 'lines.0', productId: PRODUCT, lotId: LOT, serials: serials.slice(0, 1) }])[0]?.quantity).toBe(1);
  });
});

describe('linesWithLots', () => {
  it('writes the lot and stamps on the lines they name and leaves the others as they were', () => {
    const line = (productId: string) => ({ productId, name: 'Chè', unit: 'kg' as const, netWeightGrams: 500, unitPriceVnd: 100_000, quantity: 2, lineTotalVnd: 200_000, lotId: null, lotCode: null, stampSerials: [] });
    const lines = linesWithLots([line(PRODUCT), line(LOT)], [{ productId: PRODUCT, lotId: LOT, lotCode: 'CHE-1', serials: ['7FF2MJWYUHMTR9'] }]);
    expect(lines).toEqual([{ ...line(PRODUCT), lotId: LOT, lotCode: 'CHE-1', stampSerials: ['7FF2MJWYUHMTR9'] }, line(LOT)]);
  });
});

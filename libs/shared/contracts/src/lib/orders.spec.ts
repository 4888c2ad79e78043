import { addressCreateSchema, addressInputSchema, addressPatchSchema, cartTokenSchema, checkoutBodySchema, shipBodySchema } from './orders';

const address = { recipientName: 'Trần Thị Mua', phone: '+84 912 345 678', street: '12 Phố Huế', provinceCode: '01', communeCode: '00004' };
const item = { productId: '0123456789abcdef01234567', quantity: 2 };

describe('orders contracts', () => {
  it('accepts a checkout with one of addressId / address and a payment method', () => {
    expect(checkoutBodySchema.safeParse({ address, paymentMethod: 'cod' }).success).toBe(true);
    expect(checkoutBodySchema.safeParse({ addressId: '0123456789abcdef01234567', paymentMethod: 'vnpay', items: [item] }).success).toBe(true);
    expect(checkoutBodySchema.safeParse({ paymentMethod: 'cod' }).success).toBe(false);
    expect(checkoutBodySchema.safeParse({ address, addressId: '0123456789abcdef01234567', paymentMethod: 'cod' }).success).toBe(false);
  });

  it('refuses what only the server decides: prices, totals, states, sellers', () => {
    for (const extra of [{ totalVnd: 1 }, { status: 'paid' }, { sellerId: '0123456789abcdef01234567' }, { shippingFeeVnd: 0 }]) {
      expect(checkoutBodySchema.safeParse({ address, paymentMethod: 'cod', ...extra }).success).toBe(false);
    }
    expect(checkoutBodySchema.safeParse({ address, paymentMethod: 'cod', items: [{ ...item, unitPriceVnd: 1 }] }).success).toBe(false);
    expect(checkoutBodySchema.safeParse({ address, paymentMethod: 'cod', items: [item, item] }).success).toBe(false);
    expect(checkoutBodySchema.safeParse({ address, paymentMethod: 'cod', items: [{ ...item, quantity: 0 }] }).success).toBe(false);
    expect(checkoutBodySchema.safeParse({ address, paymentMethod: 'cheque' }).success).toBe(false);
  });

  it('stores phones in national form and checks codes and tokens by shape', () => {
    expect(addressInputSchema.parse(address).phone).toBe('0912345678');
    expect(addressInputSchema.safeParse({ ...address, communeCode: '4' }).success).toBe(false);
    expect(cartTokenSchema.safeParse('A'.repeat(22)).success).toBe(true);
    expect(cartTokenSchema.safeParse('A'.repeat(21)).success).toBe(false);
    expect(shipBodySchema.safeParse({ carrier: 'GHN', trackingCode: 'GHN 1' }).success).toBe(false);
  });

  it('takes an optional default flag on a new address, and a patch of at least one address field', () => {
    expect(addressCreateSchema.safeParse({ ...address, isDefault: true }).success).toBe(true);
    expect(addressCreateSchema.safeParse({ ...address, isDefault: 'yes' }).success).toBe(false);
    expect(addressPatchSchema.safeParse({ street: '14 Phố Huế' }).success).toBe(true);
    expect(addressPatchSchema.safeParse({}).success).toBe(false);
    expect(addressPatchSchema.safeParse({ isDefault: true }).success).toBe(false);
    // The checkout's new address is an address only.
    expect(checkoutBodySchema.safeParse({ address: { ...address, isDefault: true }, paymentMethod: 'cod' }).success).toBe(false);
  });

  it('limits each seller note to 500 characters after trimming, naming notes.<sellerId>', () => {
    const sellerId = '0123456789abcdef01234567';
    expect(checkoutBodySchema.safeParse({ address, paymentMethod: 'cod', notes: { [sellerId]: ` ${'a'.repeat(500)} ` } }).success).toBe(true);
    const long = checkoutBodySchema.safeParse({ address, paymentMethod: 'cod', notes: { [sellerId]: 'a'.repeat(501) } });
    expect(long.success).toBe(false);
    expect(long.error?.issues.map((i) => i.path.join('.'))).toEqual([`notes.${sellerId}`]);
    expect(long.error?.issues[0]?.message).toMatch(/^Ghi chú tối đa 500 ký tự \/ /);
  });
});

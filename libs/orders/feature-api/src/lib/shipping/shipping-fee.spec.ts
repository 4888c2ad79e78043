import { DEFAULT_SHIPPING_RULES, loadConfig, type ShippingRules } from '@nss/server-core';
import { billableKg, shippingFeeVnd, shippingZone } from './shipping-fee';

const rules = DEFAULT_SHIPPING_RULES;

describe('shipping fee', () => {
  it('rounds the weight up to the next started kilogram', () => {
    expect(billableKg(1)).toBe(1);
    expect(billableKg(1000)).toBe(1);
    expect(billableKg(1001)).toBe(2);
    expect(billableKg(0)).toBe(1);
  });

  it('zones the buyer relative to the seller: same province, same region, other', () => {
    expect(shippingZone(rules, '19', '19')).toBe('same_province');
    expect(shippingZone(rules, '19', '01')).toBe('same_region');
    expect(shippingZone(rules, '19', '79')).toBe('other');
    expect(shippingZone(rules, '48', '79')).toBe('other');
    expect(shippingZone(rules, '79', '92')).toBe('same_region');
  });

  it('charges flat + per started kg of the zone', () => {
    const parcel = { sellerProvinceCode: '19', buyerProvinceCode: '79', weightGrams: 2500, itemsSubtotalVnd: 100_000 };
    expect(shippingFeeVnd(rules, parcel)).toBe(35_000 + 3 * 8_000);
    expect(shippingFeeVnd(rules, { ...parcel, buyerProvinceCode: '19' })).toBe(15_000 + 3 * 3_000);
  });

  it('is free from the threshold on, and never free without one', () => {
    const parcel = { sellerProvinceCode: '19', buyerProvinceCode: '01', weightGrams: 500, itemsSubtotalVnd: 500_000 };
    expect(shippingFeeVnd(rules, parcel)).toBe(0);
    expect(shippingFeeVnd(rules, { ...parcel, itemsSubtotalVnd: 499_999 })).toBe(25_000 + 5_000);
    const never: ShippingRules = { ...rules, freeShippingThresholdVnd: null };
    expect(shippingFeeVnd(never, { ...parcel, itemsSubtotalVnd: 10_000_000 })).toBe(30_000);
  });
});

describe('SHIPPING_RULES configuration', () => {
  const base = {
    NODE_ENV: 'development',
    MONGODB_URI: 'mongodb://127.0.0.1:27017/x',
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_ACCESS_SECRET: 'x'.repeat(40),
    MEDIA_DIR: '/tmp/media',
  };

  it('uses the built-in rules when absent or empty', () => {
    expect(loadConfig(base).SHIPPING_RULES).toEqual(DEFAULT_SHIPPING_RULES);
    expect(loadConfig({ ...base, SHIPPING_RULES: '' }).SHIPPING_RULES).toEqual(DEFAULT_SHIPPING_RULES);
  });

  it('reads valid JSON rules (regions default to the built-in ones)', () => {
    const custom = { zones: { same_province: { flatVnd: 1, perKgVnd: 2 }, same_region: { flatVnd: 3, perKgVnd: 4 }, other: { flatVnd: 5, perKgVnd: 6 } }, freeShippingThresholdVnd: null };
    const config = loadConfig({ ...base, SHIPPING_RULES: JSON.stringify(custom) });
    expect(config.SHIPPING_RULES.zones.other).toEqual({ flatVnd: 5, perKgVnd: 6 });
    expect(config.SHIPPING_RULES.regions).toEqual(DEFAULT_SHIPPING_RULES.regions);
  });

  it.each([
    ['not JSON', '{zones'],
    ['a missing zone', JSON.stringify({ zones: { same_province: { flatVnd: 1, perKgVnd: 1 } }, freeShippingThresholdVnd: null })],
    ['a negative fee', JSON.stringify({ ...DEFAULT_SHIPPING_RULES, zones: { ...DEFAULT_SHIPPING_RULES.zones, other: { flatVnd: -1, perKgVnd: 0 } } })],
    ['an unknown field', JSON.stringify({ ...DEFAULT_SHIPPING_RULES, discount: 5 })],
    ['a province in two regions', JSON.stringify({ ...DEFAULT_SHIPPING_RULES, regions: { a: ['01'], b: ['01'] } })],
  ])('stops the process naming SHIPPING_RULES for %s', (_what, value) => {
    expect(() => loadConfig({ ...base, SHIPPING_RULES: value })).toThrow(/SHIPPING_RULES/);
  });

  it('bounds the expiry and auto-completion variables', () => {
    expect(loadConfig(base).ORDER_EXPIRY_VNPAY_SECONDS).toBe(900);
    expect(loadConfig(base).ORDER_EXPIRY_BANK_TRANSFER_SECONDS).toBe(86_400);
    expect(loadConfig(base).ORDER_AUTO_COMPLETE_DAYS).toBe(7);
    expect(() => loadConfig({ ...base, ORDER_AUTO_COMPLETE_DAYS: '0' })).toThrow(/ORDER_AUTO_COMPLETE_DAYS/);
    expect(() => loadConfig({ ...base, ORDER_EXPIRY_VNPAY_SECONDS: 'soon' })).toThrow(/ORDER_EXPIRY_VNPAY_SECONDS/);
  });
});

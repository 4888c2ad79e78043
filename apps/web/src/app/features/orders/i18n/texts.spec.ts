import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PAYMENTS_TEXTS } from '../../payments/i18n/payments.texts';
import { ORDER_STATES, PAYMENT_METHODS } from '../data/orders.models';
import { ORDERS_EN } from './orders.en';
import { ORDERS_VI } from './orders.vi';

const FEATURES = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every whole key written in the orders and payments sources ('ord.cart.title'), not the prefixes ('ord.state.'). */
function usedKeys(): string[] {
  const text = [...sources(join(FEATURES, 'orders')), ...sources(join(FEATURES, 'payments'))]
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  return [...new Set([...text.matchAll(/'((?:ord|pay)\.[A-Za-z0-9_.-]*[A-Za-z0-9_-])'/g)].map((m) => m[1]))];
}

describe('orders and payments dictionaries', () => {
  const vi = { ...ORDERS_VI, ...PAYMENTS_TEXTS.vi };
  const en = { ...ORDERS_EN, ...PAYMENTS_TEXTS.en };

  it('have a Vietnamese and an English text for every key the pages use', () => {
    const keys = usedKeys();
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => !(k in vi))).toEqual([]);
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });

  it('name every order state, payment method and action in both languages', () => {
    const dynamic = [
      ...ORDER_STATES.map((s) => `ord.state.${s}`),
      ...PAYMENT_METHODS.flatMap((m) => [`ord.method.${m}`, `ord.methodHint.${m}`]),
      ...['accept', 'pack', 'ship', 'deliver', 'collect', 'cancel', 'complete', 'refund-request'].flatMap((a) => [
        `ord.action.${a}`,
        `ord.done.${a}`,
      ]),
      ...['requires_action', 'processing', 'succeeded', 'canceled', 'requires_review'].map((s) => `pay.status.${s}`),
    ];
    expect(dynamic.filter((k) => !(k in vi) || !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in vi))).toEqual([]);
  });
});

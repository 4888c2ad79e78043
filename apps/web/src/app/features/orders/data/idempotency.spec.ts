import { IdempotentAttempt, isUndecided, randomKey } from './idempotency';

const network = { statusCode: 0, code: 'NETWORK', message: 'x', messageEn: 'x' };
const serverError = { statusCode: 503, code: 'HTTP_503', message: 'x', messageEn: 'x' };
const inProgress = { statusCode: 409, code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS', message: 'x', messageEn: 'x' };
const cartChanged = { statusCode: 409, code: 'CART_CHANGED', message: 'x', messageEn: 'x' };

describe('IdempotentAttempt', () => {
  let n = 0;
  const attempt = () => new IdempotentAttempt(() => `key-${++n}`);

  it('retries an unanswered request with the same key, so the server replays instead of ordering twice', () => {
    const a = attempt();
    const body = { addressId: 'a1', paymentMethod: 'cod' };
    const first = a.keyFor(body);
    a.settle(network);
    expect(a.keyFor({ ...body })).toBe(first);
    a.settle(serverError);
    expect(a.keyFor(body)).toBe(first);
    a.settle(inProgress);
    expect(a.keyFor(body)).toBe(first);
  });

  it('starts a new attempt after a definitive answer (the server would replay a stored 4xx) or a changed body', () => {
    const a = attempt();
    const body = { addressId: 'a1', paymentMethod: 'vnpay' };
    const first = a.keyFor(body);
    a.settle(cartChanged);
    const second = a.keyFor(body);
    expect(second).not.toBe(first);
    expect(a.keyFor({ ...body, paymentMethod: 'cod' })).not.toBe(second);
    const third = a.keyFor(body);
    a.settle(null);
    expect(a.keyFor(body)).not.toBe(third);
  });

  it('classifies answers and makes 128-bit keys within the header limits', () => {
    expect(isUndecided(network)).toBe(true);
    expect(isUndecided(cartChanged)).toBe(false);
    const key = randomKey();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(randomKey()).not.toBe(key);
  });
});

import type { ApiError } from '@nss/contracts';
import { startTestApi, TestApi } from '../support/test-api';

/** The part of the terminus health answer the tests read. */
type Health = { info: Record<string, { status: string }> };

describe('API platform (real database and Redis)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('reports database, Redis and queues as up', async () => {
    const res = await api.request<Health>({ method: 'GET', url: '/api/health' });
    expect(res.status).toBe(200);
    expect(res.body.info['database']?.status).toBe('up');
    expect(res.body.info['redis']?.status).toBe('up');
    expect(res.body.info['queues']?.status).toBe('up');
    // Every queue with work an operator cares about (photo thumbnails, messages to phones) is counted.
    expect(Object.keys(res.body.info['queues'] ?? {})).toEqual(expect.arrayContaining(['media', 'notifications']));
  });

  it('publishes an OpenAPI 3 document', async () => {
    const res = await api.request<{ openapi: string }>({ method: 'GET', url: '/api/docs-json' });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
  });

  it('answers an unknown route with a bilingual 404', async () => {
    const res = await api.request<ApiError>({ method: 'GET', url: '/api/does-not-exist' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(res.body.messageEn).toBeTruthy();
  });

  // Sent to a route that exists and reads a JSON body (POST /api/health does not exist: a 404 there proved nothing).
  it('answers malformed JSON on a JSON route with a bilingual 400, not 500', async () => {
    const wellFormed = await api.request<ApiError>({ method: 'POST', url: '/api/auth/login', body: {} });
    expect(wellFormed.status).toBe(400); // the route exists and validates its body
    const res = await api.request<ApiError>({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"phone": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON', message: expect.any(String), messageEn: expect.any(String) });
  });
});

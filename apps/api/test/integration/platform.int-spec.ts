import { startTestApi, TestApi } from '../support/test-api';

describe('API platform (real database and Redis)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('reports database, Redis and queues as up', async () => {
    const res = await api.request({ method: 'GET', url: '/api/health' });
    expect(res.status).toBe(200);
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.redis.status).toBe('up');
    expect(res.body.info.queues.status).toBe('up');
  });

  it('publishes an OpenAPI 3 document', async () => {
    const res = await api.request({ method: 'GET', url: '/api/docs-json' });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
  });

  it('answers an unknown route with a bilingual 404', async () => {
    const res = await api.request({ method: 'GET', url: '/api/does-not-exist' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(res.body.messageEn).toBeTruthy();
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await api.request({
      method: 'POST',
      url: '/api/health',
      payload: '{"broken": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

import { startTestApi, TestApi } from '../support/test-api';

type Schema = {
  $ref?: string;
  type?: string;
  items?: Schema;
  oneOf?: Schema[];
  properties?: Record<string, unknown>;
  required?: string[];
};
type Operation = {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: Record<string, string[]>[];
  parameters?: { name: string }[];
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Routes whose success body is not (or not only) a contract schema: health probe, storefront (documented by its owner), files. */
const NO_SCHEMA_CHECK = [/^\/api\/health(\/live|\/ready)?$/, /^\/api\/search$/, /^\/api\/storefront\/home$/, /^\/api\/media\//, /\.csv$/, /\.pdf$/, /\/epcis$/, /^\/api\/reports\/exports\/\{id\}\/file$/, /^\/api\/open-data\/\{province\}\/\{file\}$/];
/** Acknowledgements that answer with an empty body. */
const EMPTY_ACCEPTED = ['POST /api/auth/password-reset/request', 'POST /api/auth/phone-verification'];
const SOME_ID = '0123456789abcdef01234567';

describe('OpenAPI document (/api/docs-json)', () => {
  let api: TestApi;
  let doc: Document;
  let operations: { key: string; method: string; path: string; op: Operation }[];

  beforeAll(async () => {
    api = await startTestApi();
    const res = await api.request<Document>({ method: 'GET', url: '/api/docs-json' });
    expect(res.status).toBe(200);
    doc = res.body;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op: item[method] })),
    );
  });
  afterAll(async () => {
    await api.close();
  });

  /** A schema is usable when it is inline or its `$ref` (or its items' `$ref`) names an existing component. */
  function resolves(schema: Schema | undefined): boolean {
    if (!schema) return false;
    if (schema.$ref) return schema.$ref.replace('#/components/schemas/', '') in doc.components.schemas;
    // A union of contracts (sign-in answers tokens or a TOTP challenge): each member must resolve.
    if (schema.oneOf) return schema.oneOf.length > 0 && schema.oneOf.every(resolves);
    if (schema.type === 'array') return resolves(schema.items);
    return Boolean(schema.type);
  }

  it('lists the routes of every feature and leaves the dev outbox out', () => {
    const keys = operations.map((o) => o.key);
    expect(keys).toEqual(
      expect.arrayContaining(['GET /api/categories', 'POST /api/products', 'GET /api/products/{id}', 'GET /api/auth/me', 'GET /api/sellers']),
    );
    expect(keys.some((k) => k.includes('/dev/'))).toBe(false);
  });

  it('gives every operation a 2xx JSON response schema from the contracts (or an empty 204/202)', () => {
    const missing = operations
      .filter(({ path }) => !NO_SCHEMA_CHECK.some((re) => re.test(path)))
      .filter(({ key, op }) => {
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        if (success.some(([, r]) => resolves(r.content?.['application/json']?.schema))) return false;
        const empty = success.length > 0 && success.every(([status, r]) => !r.content && (status === '204' || EMPTY_ACCEPTED.includes(key)));
        return !empty;
      })
      .map((o) => o.key);
    expect(missing).toEqual([]);
  });

  it('documents media as binary images', () => {
    const media = operations.find((o) => o.path.startsWith('/api/media/'));
    const ok = media?.op.responses['200']?.content ?? {};
    expect(Object.keys(ok).sort()).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect(ok['image/webp']?.schema).toEqual({ type: 'string', format: 'binary' });
    expect(media?.op.parameters?.map((p) => p.name)).toEqual(['path']);
  });

  it('documents the seller statement CSV as text/csv', () => {
    const csv = operations.find((o) => o.key === 'GET /api/seller/statements/{month}.csv');
    expect(Object.keys(csv?.op.responses['200']?.content ?? {})).toEqual(['text/csv']);
    expect(csv?.op.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['month', 'sellerId']));
  });

  it('documents the lot EPCIS export as JSON-LD', () => {
    const epcis = operations.find((o) => o.key === 'GET /api/lots/{id}/epcis');
    expect(Object.keys(epcis?.op.responses['200']?.content ?? {})).toEqual(['application/ld+json']);
    expect(epcis?.op.parameters?.map((p) => p.name)).toEqual(['id']);
  });

  it('has the ApiError component (from apiErrorSchema) as the default response of every operation', () => {
    const apiError = doc.components.schemas['ApiError'];
    expect(Object.keys(apiError?.properties ?? {}).sort()).toEqual(['code', 'errorId', 'issues', 'message', 'messageEn', 'statusCode']);
    expect(apiError?.required?.sort()).toEqual(['code', 'message', 'messageEn', 'statusCode']);
    const without = operations
      .filter(({ op }) => op.responses['default']?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ApiError')
      .map((o) => o.key);
    expect(without).toEqual([]);
  });

  it('declares bearer auth exactly on the routes that refuse a request without a token', async () => {
    const undeclared: string[] = [];
    const overdeclared: string[] = [];
    const refused: string[] = [];
    for (const { key, method, path, op } of operations) {
      const url = path.replace(/\{[^}]+\}/g, (name) => (name === '{code}' ? '01' : SOME_ID));
      const res = await api.request({ method: method.toUpperCase() as 'GET', url, ...(method === 'get' || method === 'delete' ? {} : { body: {} }) });
      expect(res.status).not.toBe(500);
      const bearer = (op.security ?? []).some((s) => 'bearer' in s);
      if (res.status === 401) refused.push(key);
      if (res.status === 401 && !bearer) undeclared.push(key);
      if (res.status !== 401 && bearer) overdeclared.push(key);
    }
    expect(refused).toEqual(expect.arrayContaining(['GET /api/auth/me', 'POST /api/products', 'GET /api/moderation/products']));
    expect(refused).not.toContain('GET /api/products/{id}');
    expect(undeclared).toEqual([]);
    expect(overdeclared).toEqual([]);
  });
});

import { z } from 'zod';
import { ZodValidationException } from 'nestjs-zod';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { AppError } from './app-error';

describe('AllExceptionsFilter', () => {
  const filter = new AllExceptionsFilter();
  // The logger is quiet in tests; the error id must still be produced.
  beforeAll(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));

  it('turns zod failures into 400 with field paths, including unknown fields', () => {
    const schema = z.strictObject({ priceVnd: z.number().int(), address: z.strictObject({ communeCode: z.string() }) });
    const result = schema.safeParse({ priceVnd: 1.5, address: {}, extra: true });
    const body = filter.toBody(new ZodValidationException(result.error));
    expect(body.statusCode).toBe(400);
    const paths = body.issues?.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['priceVnd', 'address.communeCode', 'extra']));
    expect(body.issues?.find((issue) => issue.path === 'extra')?.message).toContain('unknown field');
  });

  it('passes AppError bodies through unchanged', () => {
    const body = filter.toBody(AppError.conflict('DUPLICATE', 'Đã tồn tại', 'Already exists'));
    expect(body).toEqual({ statusCode: 409, code: 'DUPLICATE', message: 'Đã tồn tại', messageEn: 'Already exists' });
  });

  it('maps client errors raised by Fastify to their 4xx status', () => {
    const tooLarge = Object.assign(new Error('too large'), { statusCode: 413, code: 'FST_REQ_FILE_TOO_LARGE' });
    expect(filter.toBody(tooLarge)).toMatchObject({ statusCode: 413, code: 'FST_REQ_FILE_TOO_LARGE' });
  });

  it('maps a duplicate key to 409 naming the field', () => {
    const duplicate = Object.assign(new Error('E11000'), { code: 11000, keyValue: { phone: '0912345678' } });
    const body = filter.toBody(duplicate);
    expect(body.statusCode).toBe(409);
    expect(body.issues?.[0]?.path).toBe('phone');
    expect(JSON.stringify(body)).not.toContain('0912345678');
  });

  it("maps FerretDB's unique-constraint failure on an update to 409, not 500, without its internals", () => {
    const ferret = Object.assign(new Error("[collection.go:173 sqlite.(*collection).UpdateAll.func1] constraint failed: UNIQUE constraint failed: index 'lots_1a2b_sellerId_1_code_1' (2067)"), { code: 1, codeName: 'InternalError' });
    const body = filter.toBody(ferret);
    expect(body).toMatchObject({ statusCode: 409, code: 'DUPLICATE' });
    expect(JSON.stringify(body)).not.toContain('sqlite');
  });

  it('gives an unexpected error a 500 with an error id and no internals', () => {
    const body = filter.toBody(new TypeError('cannot read x of undefined'));
    expect(body.statusCode).toBe(500);
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.message).toContain(body.errorId as string);
    expect(JSON.stringify(body)).not.toContain('cannot read');
  });
});

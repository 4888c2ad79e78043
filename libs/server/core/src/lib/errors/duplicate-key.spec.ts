import { isDuplicateKeyError } from './duplicate-key';

describe('isDuplicateKeyError', () => {
  it("recognises MongoDB's 11000 and FerretDB's unique-constraint InternalError on updates", () => {
    expect(isDuplicateKeyError({ code: 11000, message: 'E11000 duplicate key error collection: x' })).toBe(true);
    expect(
      isDuplicateKeyError({
        code: 1,
        message: "[collection.go:173 sqlite.(*collection).UpdateAll.func1] constraint failed: UNIQUE constraint failed: index 'x_fd0c5087_k_1' (2067)",
      }),
    ).toBe(true);
  });

  it('does not take other failures for duplicates', () => {
    expect(isDuplicateKeyError({ code: 1, message: 'InternalError: disk I/O error' })).toBe(false);
    expect(isDuplicateKeyError({ code: 121, message: 'Document failed validation' })).toBe(false);
    expect(isDuplicateKeyError(new Error('UNIQUE constraint failed'))).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
    expect(isDuplicateKeyError('E11000')).toBe(false);
  });
});

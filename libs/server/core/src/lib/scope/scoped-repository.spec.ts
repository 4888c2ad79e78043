import { Logger } from '@nestjs/common';
import type { Model } from 'mongoose';
import { DataScope } from './data-scope';
import { ScopedRepository } from './scoped-repository';

class ThingsRepository extends ScopedRepository<{ provinceCode: string }> {
  constructor(model: Model<{ provinceCode: string }>) {
    super(model, { province: 'provinceCode' });
  }
}

describe('ScopedRepository', () => {
  const filters: unknown[] = [];
  const model = {
    modelName: 'Thing',
    collection: { name: 'things' },
    find: (filter: unknown) => {
      filters.push(filter);
      return { exec: async () => [] };
    },
  } as unknown as Model<{ provinceCode: string }>;
  const repo = new ThingsRepository(model);

  afterEach(() => {
    jest.restoreAllMocks();
    filters.length = 0;
  });

  it('logs the reason of every query made with a platform scope, at debug level', async () => {
    const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    await repo.find(DataScope.platform('search index load'), { status: 'approved' });
    expect(debug).toHaveBeenCalledWith('platform scope on things: search index load');
    expect(filters).toEqual([{ status: 'approved' }]);
  });

  it('restricts a province scope to its province and logs nothing', async () => {
    const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    await repo.find(DataScope.province('19', 'funnel'), { status: 'approved' });
    expect(debug).not.toHaveBeenCalled();
    expect(filters).toEqual([{ $and: [{ status: 'approved' }, { provinceCode: '19' }] }]);
  });
});

import { AppError } from '@nss/server-core';
import { AdminUnitsService } from './admin-units.service';

describe('AdminUnitsService', () => {
  const service = new AdminUnitsService();

  it('guesses the level of an old code from its length (2 digits: province, 5: commune)', () => {
    expect(service.convert({ era: 'pre2025', code: '06' }).from).toMatchObject({ level: 'province', code: '06' });
    expect(service.convert({ era: 'pre2025', code: '00019' }).from).toMatchObject({ level: 'commune', code: '00019' });
  });

  it('answers an unknown province or old code with a bilingual 404', () => {
    for (const call of [() => service.communes('06'), () => service.convert({ era: 'pre2025', code: '99999' })]) {
      try {
        call();
        throw new Error('expected a 404');
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).getStatus()).toBe(404);
        expect((error as AppError).getResponse()).toMatchObject({ code: 'NOT_FOUND', messageEn: expect.stringContaining('not found') });
      }
    }
  });
});

import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AllExceptionsFilter } from './all-exceptions.filter';

describe('AllExceptionsFilter with Redis down', () => {
  it('answers a command that Redis could not run with a bilingual 503, not a 500', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const filter = new AllExceptionsFilter();
    for (const maxRetriesPerRequest of [0, 1]) {
      const redis = new Redis({ port: 1, lazyConnect: true, maxRetriesPerRequest, retryStrategy: maxRetriesPerRequest ? () => 20 : () => null });
      redis.on('error', () => undefined);
      const error = await redis.get('anything').then(
        () => null,
        (e: unknown) => e,
      );
      redis.disconnect();
      expect(filter.toBody(error)).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String), messageEn: expect.any(String) });
    }
  });
});

import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenService } from './access-token';
import { AuthGuard } from './auth.guard';
import { TokenRevocations } from './token-revocations';
import { RateLimiters } from '../rate-limit/rate-limiters';

/** Token verification, the global guard and the Redis-backed rate limiters. Issuing tokens (login, refresh) lives in the accounts feature. */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [AccessTokenService, TokenRevocations, RateLimiters, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokenService, TokenRevocations, RateLimiters],
})
export class AuthCoreModule {}

import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenService } from './access-token';
import { AuthGuard } from './auth.guard';

/** Token verification and the global guard. Issuing tokens (login, refresh) lives in the accounts feature. */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [AccessTokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokenService],
})
export class AuthCoreModule {}

import {
  authTokensSchema,
  loginBodySchema,
  logoutBodySchema,
  meSchema,
  passwordResetConfirmBodySchema,
  passwordResetRequestBodySchema,
  refreshBodySchema,
  registerBodySchema,
} from '@nss/contracts';
import { createZodDto } from '@nss/server-core';

export class RegisterDto extends createZodDto(registerBodySchema) {}
export class LoginDto extends createZodDto(loginBodySchema) {}
export class RefreshDto extends createZodDto(refreshBodySchema) {}
export class LogoutDto extends createZodDto(logoutBodySchema) {}
export class PasswordResetRequestDto extends createZodDto(passwordResetRequestBodySchema) {}
export class PasswordResetConfirmDto extends createZodDto(passwordResetConfirmBodySchema) {}
export class AuthTokensDto extends createZodDto(authTokensSchema) {}
export class MeDto extends createZodDto(meSchema) {}

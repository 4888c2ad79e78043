import {
  authTokensSchema,
  loginBodySchema,
  logoutBodySchema,
  meSchema,
  passwordResetConfirmBodySchema,
  passwordResetRequestBodySchema,
  refreshBodySchema,
  totpChallengeSchema,
  totpCodeBodySchema,
  totpEnrolmentSchema,
  totpLoginBodySchema,
  totpStatusSchema,
} from '@nss/contracts';
import { createZodDto } from '@nss/server-core';

export class LoginDto extends createZodDto(loginBodySchema) {}
export class RefreshDto extends createZodDto(refreshBodySchema) {}
export class LogoutDto extends createZodDto(logoutBodySchema) {}
export class PasswordResetRequestDto extends createZodDto(passwordResetRequestBodySchema) {}
export class PasswordResetConfirmDto extends createZodDto(passwordResetConfirmBodySchema) {}
export class AuthTokensDto extends createZodDto(authTokensSchema) {}
export class MeDto extends createZodDto(meSchema) {}
export class TotpChallengeDto extends createZodDto(totpChallengeSchema) {}
export class TotpLoginDto extends createZodDto(totpLoginBodySchema) {}
export class TotpCodeDto extends createZodDto(totpCodeBodySchema) {}
export class TotpStatusDto extends createZodDto(totpStatusSchema) {}
export class TotpEnrolmentDto extends createZodDto(totpEnrolmentSchema) {}

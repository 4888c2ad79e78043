import { z } from 'zod';
import { objectIdSchema, provinceCodeSchema, vnMobileSchema } from './common';
import { roleSchema } from './roles';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** A new password: at least 8 characters (argon2 hashes it; the upper bound keeps hashing cheap to refuse). */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'Mật khẩu phải có ít nhất 8 ký tự / password must be at least 8 characters' })
  .max(PASSWORD_MAX_LENGTH, { message: 'Mật khẩu tối đa 128 ký tự / password must be at most 128 characters' });

/** A password as typed at sign-in: not checked against the policy (old passwords may predate it). */
const loginPasswordSchema = z
  .string()
  .min(1, { message: 'Bắt buộc phải có / required' })
  .max(PASSWORD_MAX_LENGTH, { message: 'Mật khẩu tối đa 128 ký tự / password must be at most 128 characters' });

export const fullNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Vui lòng nhập họ tên / full name is required' })
  .max(120, { message: 'Họ tên tối đa 120 ký tự / full name must be at most 120 characters' });

/** An opaque refresh token (43 base64url characters as issued). */
export const refreshTokenSchema = z
  .string()
  .min(16, { message: 'Mã phiên không hợp lệ / invalid refresh token' })
  .max(200, { message: 'Mã phiên không hợp lệ / invalid refresh token' });

/** A one-time code: exactly 6 digits. */
export const oneTimeCodeSchema = z.string().trim().regex(/^\d{6}$/, { message: 'Mã xác nhận gồm 6 chữ số / the code is 6 digits' });

/** What a one-time code proves: a household taking over its account, a password reset, a phone at registration. */
export const otpPurposeSchema = z.enum(['handover', 'password_reset', 'phone_verification']);
export type OtpPurpose = z.infer<typeof otpPurposeSchema>;

export const userStatusSchema = z.enum(['active', 'disabled']);
export type UserStatus = z.infer<typeof userStatusSchema>;

// ---- Requests ----

/**
 * Step one of every public registration (buyer or seller): a code is sent to the phone. Always 202 with no body,
 * whether or not the phone already has an account.
 */
export const phoneVerificationBodySchema = z.strictObject({ phone: vnMobileSchema });
export type PhoneVerificationBody = z.infer<typeof phoneVerificationBodySchema>;

/** Step two of a buyer registration: the code proves the phone; then the account is created or recovered. */
export const registerBodySchema = z.strictObject({
  phone: vnMobileSchema,
  code: oneTimeCodeSchema,
  password: passwordSchema,
  fullName: fullNameSchema,
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z.strictObject({
  phone: vnMobileSchema,
  password: loginPasswordSchema,
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const refreshBodySchema = z.strictObject({ refreshToken: refreshTokenSchema });
export type RefreshBody = z.infer<typeof refreshBodySchema>;

export const logoutBodySchema = z.strictObject({ refreshToken: refreshTokenSchema });
export type LogoutBody = z.infer<typeof logoutBodySchema>;

export const passwordResetRequestBodySchema = z.strictObject({ phone: vnMobileSchema });
export type PasswordResetRequestBody = z.infer<typeof passwordResetRequestBodySchema>;

export const passwordResetConfirmBodySchema = z.strictObject({
  phone: vnMobileSchema,
  code: oneTimeCodeSchema,
  newPassword: passwordSchema,
});
export type PasswordResetConfirmBody = z.infer<typeof passwordResetConfirmBodySchema>;

// ---- Responses ----

/** The signed-in user as the user sees themself. */
export const meSchema = z.object({
  id: objectIdSchema,
  phone: z.string(),
  fullName: z.string(),
  role: roleSchema,
  provinceCode: provinceCodeSchema.optional(),
  sellerId: objectIdSchema.optional(),
});
export type Me = z.infer<typeof meSchema>;

/** What sign-in, registration and refresh return. `expiresIn` is the access token's lifetime in seconds. */
export const authTokensSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
  user: meSchema,
});
export type AuthTokens = z.infer<typeof authTokensSchema>;

/**
 * What a registration's second step returns. `recovered` is true when the proven phone already had an account: its
 * password was replaced by the one given and its other sessions ended (the details sent were not applied).
 */
export const registerResultSchema = authTokensSchema.extend({ recovered: z.boolean() });
export type RegisterResult = z.infer<typeof registerResultSchema>;

import { z } from 'zod';
import { authTokensSchema, oneTimeCodeSchema } from './accounts';

/** Two-step sign-in with TOTP (authenticator app) for staff and admins. */

/** A TOTP code from an authenticator app: 6 digits. */
export const totpCodeSchema = oneTimeCodeSchema;

/** Returned by sign-in instead of tokens when the user has TOTP: answer it at /auth/login/totp within `expiresIn`. */
export const totpChallengeSchema = z.object({
  totpRequired: z.literal(true),
  challengeToken: z.string(),
  expiresIn: z.number().int(),
});
export type TotpChallenge = z.infer<typeof totpChallengeSchema>;

/** What POST /auth/login answers: tokens, or a TOTP challenge. */
export const loginResultSchema = z.union([authTokensSchema, totpChallengeSchema]);
export type LoginResult = z.infer<typeof loginResultSchema>;

export const totpLoginBodySchema = z.strictObject({
  challengeToken: z
    .string()
    .min(16, { message: 'Phiên xác thực không hợp lệ / invalid challenge' })
    .max(200, { message: 'Phiên xác thực không hợp lệ / invalid challenge' }),
  code: totpCodeSchema,
});
export type TotpLoginBody = z.infer<typeof totpLoginBodySchema>;

export const totpCodeBodySchema = z.strictObject({ code: totpCodeSchema });
export type TotpCodeBody = z.infer<typeof totpCodeBodySchema>;

/** GET /auth/totp: whether the caller has TOTP and whether it is required of them. */
export const totpStatusSchema = z.object({ enabled: z.boolean(), required: z.boolean() });
export type TotpStatus = z.infer<typeof totpStatusSchema>;

/** POST /auth/totp/enrol: the new secret (shown once) and the otpauth:// URL for the QR code. */
export const totpEnrolmentSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

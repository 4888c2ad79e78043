// The contract types (`libs/shared/contracts/src/lib/accounts.ts`), re-exported for convenience.
export type { AuthTokens, Me, TotpChallenge, TotpEnrolment, TotpStatus } from '@nss/contracts';

import type { Me, TotpChallenge } from '@nss/contracts';

/** What a password sign-in leads to: signed in, or a TOTP code to give (staff and admins who enrolled). */
export type LoginStep = { kind: 'signedIn'; user: Me } | { kind: 'totp'; challenge: TotpChallenge };

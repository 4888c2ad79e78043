// The contract types (`libs/shared/contracts/src/lib/accounts.ts`), re-exported for convenience.
export type { AuthTokens, Me } from '@nss/contracts';

import type { Role } from '@nss/contracts';

// Mirrors `docs/api-surface.md` (Accounts). Switch to `z.infer` of the schemas in `@nss/contracts`
// (accounts.ts) once they exist; the shapes are the contract either way.

/** `GET /auth/me`. */
export interface Me {
  id: string;
  phone: string;
  fullName: string;
  role: Role;
  provinceCode?: string;
  sellerId?: string;
}

/** Returned by login, register, refresh and handover claim. */
export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Me;
}

import type { Role } from '@nss/contracts';

/** Who is calling, as established by the access token. */
export interface Actor {
  userId: string;
  role: Role;
  /** Province (2025 code) of an agent or province staff member; for a seller, its seller's province. */
  provinceCode?: string;
  /** The seller account a seller user acts for. */
  sellerId?: string;
}

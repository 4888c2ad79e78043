import { getCommune, getProvince } from '@nss/admin-units';
import type { SellerDetail, SellerSummary } from '@nss/contracts';
import type { Actor } from '@nss/server-core';
import { maskPhone } from '@nss/util-vn';
import type { SellerDocument } from './seller.schema';

/** "********6789": enough for the agent to tell two households apart, not enough to use. */
export function maskCitizenId(citizenId: string): string {
  return `${'*'.repeat(Math.max(0, citizenId.length - 4))}${citizenId.slice(-4)}`;
}

/** The seller itself, and staff or admins who can reach it (their province), see the citizen ID; agents do not. */
export function mayReadCitizenId(actor: Actor, seller: SellerDocument): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'province_staff') return actor.provinceCode === seller.provinceCode;
  if (actor.role === 'seller') return actor.sellerId === seller.id;
  return false;
}

const iso = (date: Date | undefined | null) => (date ? date.toISOString() : undefined);

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function communeNameOf(code: string): string {
  return getCommune(code)?.name ?? code;
}

export function sellerSummaryOf(seller: SellerDocument): SellerSummary {
  return defined({
    id: seller.id as string,
    type: seller.type,
    displayName: seller.displayName,
    representativeName: seller.representativeName,
    phoneMasked: maskPhone(seller.phone),
    provinceCode: seller.provinceCode,
    communeCode: seller.communeCode,
    communeName: communeNameOf(seller.communeCode),
    status: seller.status,
    onboardingSource: seller.onboardingSource,
    managedByAgentId: seller.managedByAgentId ?? undefined,
    handedOverAt: iso(seller.handedOverAt),
    createdAt: seller.createdAt.toISOString(),
  });
}

/** `citizenId`: the opened (CitizenIdCipher) citizen ID of the seller; shown whole only when `showCitizenId`. */
export function sellerDetailOf(seller: SellerDocument, citizenId: string, showCitizenId: boolean): SellerDetail {
  const f = seller.funnel;
  return defined({
    id: seller.id as string,
    userId: seller.userId ?? '',
    type: seller.type,
    displayName: seller.displayName,
    representativeName: seller.representativeName,
    phone: seller.phone,
    citizenId: showCitizenId ? citizenId : undefined,
    citizenIdMasked: maskCitizenId(citizenId),
    address: {
      text: seller.addressText,
      provinceCode: seller.provinceCode,
      provinceName: getProvince(seller.provinceCode)?.name ?? seller.provinceCode,
      communeCode: seller.communeCode,
      communeName: communeNameOf(seller.communeCode),
      era: seller.adminEra,
    },
    onboardingSource: seller.onboardingSource,
    consent: seller.consent
      ? {
          given: true as const,
          method: seller.consent.method,
          recordedAt: seller.consent.recordedAt.toISOString(),
          recordedByUserId: seller.consent.recordedByUserId,
        }
      : undefined,
    managedByAgentId: seller.managedByAgentId ?? undefined,
    handedOverAt: iso(seller.handedOverAt),
    status: seller.status,
    statusReason: seller.statusReason,
    statusHistory: seller.statusHistory.map((h) =>
      defined({ status: h.status, reason: h.reason, actorUserId: h.actorUserId, actorRole: h.actorRole, at: h.at.toISOString() }),
    ),
    funnel: defined({
      trainedAt: iso(f.trainedAt),
      accountAt: f.accountAt.toISOString(),
      verifiedAt: iso(f.verifiedAt),
      firstListingAt: iso(f.firstListingAt),
      firstSaleAt: iso(f.firstSaleAt),
    }),
    createdAt: seller.createdAt.toISOString(),
    updatedAt: seller.updatedAt.toISOString(),
  });
}

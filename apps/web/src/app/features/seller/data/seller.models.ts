/**
 * Shapes of the Onboarding and Catalogue endpoints as this feature uses them (docs/api-surface.md).
 * Types only from `@nss/contracts` (`import type`), so the browser bundle does not carry zod; the few value lists
 * the pages need are repeated here and checked against the contract's types.
 */
import type {
  Category,
  CommuneDto,
  CreateProductRequest,
  OcopInput,
  OcopState,
  Page,
  Product,
  ProductPhoto,
  ProductUnit,
  ProvinceDto,
  UpdateProductRequest,
} from '@nss/contracts';
import type { AuthTokens } from '@nss/web-data-access';

export type {
  AuthTokens,
  Category,
  CreateProductRequest,
  OcopInput,
  OcopState,
  Page,
  Product,
  ProductPhoto,
  ProductUnit,
  UpdateProductRequest,
};
export type Province = Pick<ProvinceDto, 'code' | 'name'>;
export type Commune = Pick<CommuneDto, 'code' | 'name' | 'provinceCode'>;

export const SELLER_TYPES = ['household', 'household_business', 'cooperative', 'cooperative_group', 'enterprise'] as const;
export type SellerType = (typeof SELLER_TYPES)[number];

export type SellerStatus = 'pending_verification' | 'verified' | 'rejected' | (string & {});

export interface SellerAddressInput {
  provinceCode: string;
  communeCode: string;
  text: string;
}

export interface SelfRegisterRequest {
  phone: string;
  password: string;
  type: SellerType;
  representativeName: string;
  displayName: string;
  citizenId: string;
  address: SellerAddressInput;
}

export interface SellerFunnel {
  trainedAt?: string;
  accountAt?: string;
  verifiedAt?: string;
  firstListingAt?: string;
  firstSaleAt?: string;
}

export interface SellerSummary {
  id: string;
  displayName: string;
  representativeName?: string;
  type: SellerType;
  phone?: string;
  status: SellerStatus;
  provinceCode?: string;
  communeCode?: string;
  communeName?: string;
  onboardingSource?: 'self' | 'agent';
  managedByAgentId?: string | null;
  handedOverAt?: string | null;
}

export interface SellerDetail extends SellerSummary {
  citizenId?: string;
  address?: SellerAddressInput & { provinceName?: string; communeName?: string };
  funnel?: SellerFunnel;
  verification?: { decision?: string; reason?: string; decidedAt?: string };
  rejectionReason?: string;
}

export interface SelfRegisterResponse {
  seller: SellerDetail;
  tokens: AuthTokens;
}

export const PRODUCT_UNITS = ['kg', 'g', 'package', 'bottle', 'box', 'bag', 'jar', 'piece'] as const satisfies readonly ProductUnit[];

export type OcopProductGroup = OcopInput['productGroup'];
export const OCOP_PRODUCT_GROUPS = [
  'food',
  'beverages',
  'herbal',
  'handicrafts',
  'ornamental',
  'community_tourism',
] as const satisfies readonly OcopProductGroup[];
export type OcopStars = OcopInput['stars'];
export type OcopIssuer = OcopInput['issuer'];
export type ModerationStatus = Product['moderation']['status'];

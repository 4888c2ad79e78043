/**
 * Shapes of the Onboarding and Catalogue endpoints as this feature uses them (docs/api-surface.md).
 * Types only from `@nss/contracts` (`import type`), so the browser bundle does not carry zod; the few value lists
 * the pages need are repeated here and checked against the contract's types.
 */
import type {
  AgentRegisterBody,
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
  SelfRegisterBody,
  SelfRegisterResult,
  SellerDetail,
  SellerStatus,
  SellerSummary,
  SellerType,
  UpdateProductRequest,
} from '@nss/contracts';
import type { AuthTokens } from '@nss/web-data-access';

export type {
  AgentRegisterBody,
  AuthTokens,
  Category,
  CreateProductRequest,
  OcopInput,
  OcopState,
  Page,
  Product,
  ProductPhoto,
  ProductUnit,
  SellerDetail,
  SellerStatus,
  SellerSummary,
  SellerType,
  UpdateProductRequest,
};
export type SelfRegisterRequest = SelfRegisterBody;
export type SelfRegisterResponse = SelfRegisterResult;
export type SellerFunnel = SellerDetail['funnel'];
export type Province = Pick<ProvinceDto, 'code' | 'name'>;
export type Commune = Pick<CommuneDto, 'code' | 'name' | 'provinceCode'>;

export const SELLER_TYPES = [
  'household',
  'household_business',
  'cooperative',
  'cooperative_group',
  'enterprise',
] as const satisfies readonly SellerType[];

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

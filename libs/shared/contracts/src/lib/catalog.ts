import { z } from 'zod';
import { communeCodeSchema, isoDateSchema, isoDateTimeSchema, objectIdSchema, pageOf, provinceCodeSchema } from './common';

/** Catalogue: categories, products, moderation, search and the storefront (docs/api-surface.md § Catalogue). */

export const categorySchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), nameEn: z.string() });
export type Category = z.infer<typeof categorySchema>;

export const PRODUCT_UNITS = ['kg', 'g', 'package', 'bottle', 'box', 'bag', 'jar', 'piece'] as const;
export const productUnitSchema = z.enum(PRODUCT_UNITS);
export type ProductUnit = z.infer<typeof productUnitSchema>;

export const OCOP_PRODUCT_GROUPS = ['food', 'beverages', 'herbal', 'handicrafts', 'ornamental', 'community_tourism'] as const;
export const ocopProductGroupSchema = z.enum(OCOP_PRODUCT_GROUPS);
export const ocopStarsSchema = z.union([z.literal(3), z.literal(4), z.literal(5)]);
/** 3–4★ are awarded by the province, 5★ by the central government (checked by `ocopInputSchema`). */
export const ocopIssuerSchema = z.enum(['province', 'central']);
export const ocopStateSchema = z.enum(['valid', 'expiring', 'expired']);
export type OcopState = z.infer<typeof ocopStateSchema>;

/** Whole đồng, positive, never fractional (VND has no minor unit). */
const priceVndSchema = z
  .number({ message: 'Giá phải là số nguyên đồng / price must be a whole number of đồng' })
  .int({ message: 'Giá phải là số nguyên đồng / price must be a whole number of đồng' })
  .min(1, { message: 'Giá phải lớn hơn 0 / price must be greater than 0' })
  .max(1_000_000_000, { message: 'Giá quá lớn / price too large' });
const stockSchema = z
  .number()
  .int({ message: 'Tồn kho phải là số nguyên / stock must be a whole number' })
  .min(0, { message: 'Tồn kho không được âm / stock cannot be negative' })
  .max(10_000_000);
const netWeightSchema = z
  .number()
  .int({ message: 'Khối lượng tính bằng gam nguyên / weight in whole grams' })
  .min(1, { message: 'Khối lượng phải lớn hơn 0 / weight must be greater than 0' })
  .max(100_000_000);
const nameSchema = z.string().trim().min(3, { message: 'Tên tối thiểu 3 ký tự / name needs at least 3 characters' }).max(120);
const descriptionSchema = z.string().trim().max(5000);

export const certificationInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('vietgap'),
    certificateNumber: z.string().trim().min(1).max(60),
    issuedBy: z.string().trim().max(200).optional(),
    validUntil: isoDateSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('organic'),
    standard: z.string().trim().min(1).max(60),
    certificateNumber: z.string().trim().max(60).optional(),
    validUntil: isoDateSchema.optional(),
  }),
]);
export type CertificationInput = z.infer<typeof certificationInputSchema>;

export const ocopInputSchema = z
  .strictObject({
    productGroup: ocopProductGroupSchema,
    stars: ocopStarsSchema,
    decisionNumber: z.string().trim().min(1).max(60),
    decisionDate: isoDateSchema,
    issuer: ocopIssuerSchema,
    issuerName: z.string().trim().max(200).optional(),
  })
  .superRefine((value, ctx) => {
    const expected = value.stars === 5 ? 'central' : 'province';
    if (value.issuer !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['issuer'],
        message:
          value.stars === 5
            ? 'OCOP 5 sao do Trung ương công nhận / 5-star OCOP is issued centrally'
            : 'OCOP 3–4 sao do UBND tỉnh công nhận / 3–4-star OCOP is issued by the province',
      });
    }
  });
export type OcopInput = z.infer<typeof ocopInputSchema>;

const productContentFields = {
  name: nameSchema,
  description: descriptionSchema,
  certifications: z.array(certificationInputSchema).max(5),
  ocop: ocopInputSchema.nullable(),
};

/** Path parameters of the product routes (`/products/:id`, `/seller/products/:id`, `/moderation/products/:id`). */
export const productIdParamsSchema = z.strictObject({ id: objectIdSchema });
export type ProductIdParams = z.infer<typeof productIdParamsSchema>;
export const productPhotoParamsSchema = z.strictObject({ id: objectIdSchema, photoId: objectIdSchema });
export type ProductPhotoParams = z.infer<typeof productPhotoParamsSchema>;

export const createProductSchema = z.strictObject({
  /** Only agents send it (the seller they manage); a seller lists for itself. */
  sellerId: objectIdSchema.optional(),
  categoryId: z.string().trim().min(1).max(40),
  unit: productUnitSchema,
  netWeightGrams: netWeightSchema,
  priceVnd: priceVndSchema,
  stock: stockSchema,
  ...productContentFields,
  description: descriptionSchema.default(''),
  certifications: productContentFields.certifications.default([]),
  ocop: productContentFields.ocop.optional(),
});
export type CreateProductRequest = z.input<typeof createProductSchema>;

/** Price and stock apply at once; name, description and certifications go to review when the product is listed. */
export const updateProductSchema = z
  .strictObject({
    categoryId: z.string().trim().min(1).max(40).optional(),
    unit: productUnitSchema.optional(),
    netWeightGrams: netWeightSchema.optional(),
    priceVnd: priceVndSchema.optional(),
    stock: stockSchema.optional(),
    name: productContentFields.name.optional(),
    description: productContentFields.description.optional(),
    certifications: productContentFields.certifications.optional(),
    ocop: productContentFields.ocop.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'Không có thay đổi nào / nothing to change' });
export type UpdateProductRequest = z.input<typeof updateProductSchema>;

export const moderationDecisionSchema = z
  .strictObject({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() })
  .superRefine((value, ctx) => {
    if (value.decision === 'reject' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Cần nêu lý do từ chối / a reason is required to reject' });
    }
  });
export type ModerationDecisionRequest = z.infer<typeof moderationDecisionSchema>;

export const moderationStatusSchema = z.enum(['pending', 'approved', 'rejected']);
export const moderationQuerySchema = z.strictObject({
  status: moderationStatusSchema.default('pending'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** One WebP size the worker derived from a photo, with its pixel size (for `srcset` and `width`/`height`). */
export const photoVariantSchema = z.object({
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});
export type PhotoVariant = z.infer<typeof photoVariantSchema>;

export const productPhotoSchema = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  displayUrl: z.string(),
  /** The WebP sizes (320 px and 1024 px, never enlarged), narrowest first; empty until the worker has made them. */
  variants: z.array(photoVariantSchema),
  status: z.enum(['processing', 'ready', 'failed']),
  /** False until staff approve a photo added to a listed product. */
  approved: z.boolean(),
});
export type ProductPhoto = z.infer<typeof productPhotoSchema>;

export const certificationSchema = z.object({
  kind: z.enum(['vietgap', 'organic', 'ocop']),
  certificateNumber: z.string().optional(),
  issuedBy: z.string().optional(),
  standard: z.string().optional(),
  validUntil: z.string().optional(),
  stars: z.number().int().optional(),
});

export const ocopSchema = z.object({
  productGroup: ocopProductGroupSchema,
  stars: z.number().int(),
  decisionNumber: z.string(),
  decisionDate: isoDateSchema,
  issuer: ocopIssuerSchema,
  issuerName: z.string().optional(),
  /** Calendar date (Vietnam) on which the certificate lapses: decision date + 36 months. */
  expiresAt: isoDateSchema,
  state: ocopStateSchema,
});
export type Ocop = z.infer<typeof ocopSchema>;

export const pendingChangesSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  certifications: z.array(certificationSchema).optional(),
  ocop: ocopSchema.nullable().optional(),
  photoIds: z.array(z.string()).optional(),
  submittedAt: isoDateTimeSchema,
});

/** A product as its seller, its agent and province staff see it (with moderation state and pending changes). */
export const productSchema = z.object({
  id: z.string(),
  sellerId: z.string(),
  name: z.string(),
  description: z.string(),
  categoryId: z.string(),
  unit: productUnitSchema,
  netWeightGrams: z.number().int(),
  priceVnd: z.number().int(),
  stock: z.number().int(),
  photos: z.array(productPhotoSchema),
  certifications: z.array(certificationSchema),
  ocop: ocopSchema.optional(),
  moderation: z.object({
    status: moderationStatusSchema,
    reason: z.string().optional(),
    pendingChanges: pendingChangesSchema.optional(),
  }),
  provinceCode: provinceCodeSchema,
  communeCode: communeCodeSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type Product = z.infer<typeof productSchema>;

export const productCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  priceVnd: z.number().int(),
  unit: productUnitSchema,
  thumbUrl: z.string().nullable(),
  /** The WebP sizes of the photo, narrowest first (empty without a photo or while it is being resized). */
  photoVariants: z.array(photoVariantSchema),
  /** The seller's id: its shop is `/cua-hang/<sellerId>` (`GET /shops/:id`). */
  sellerId: z.string(),
  sellerName: z.string(),
  provinceName: z.string(),
  communeName: z.string(),
  ocopStars: z.number().int().optional(),
});
export type ProductCard = z.infer<typeof productCardSchema>;

/** The public page of an approved product: approved content only, no moderation data. */
export const productDetailSchema = productSchema
  .omit({ moderation: true, createdAt: true, updatedAt: true })
  .extend({
    categoryName: z.string(),
    seller: z.object({
      id: z.string(),
      displayName: z.string(),
      type: z.string(),
      communeName: z.string(),
      provinceName: z.string(),
    }),
  });
export type ProductDetail = z.infer<typeof productDetailSchema>;

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export const searchQuerySchema = z
  .strictObject({
    q: z.string().trim().max(200).optional(),
    provinceCode: provinceCodeSchema.optional(),
    categoryId: z.string().trim().max(40).optional(),
    ocopStars: z.coerce.number().int().min(3).max(5).optional(),
    minPrice: z.coerce.number().int().min(0).optional(),
    maxPrice: z.coerce.number().int().min(0).optional(),
    sort: z.enum(SEARCH_SORTS).default('relevance'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((v) => v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice, {
    path: ['maxPrice'],
    message: 'Giá tối đa phải ≥ giá tối thiểu / maxPrice must be ≥ minPrice',
  });
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const productCardPageSchema = pageOf(productCardSchema);
export const productPageSchema = pageOf(productSchema);

export const sellerProductsQuerySchema = z.strictObject({
  sellerId: objectIdSchema.optional(),
  status: moderationStatusSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const storefrontHomeSchema = z.object({
  featured: z.array(productCardSchema),
  categories: z.array(categorySchema),
  provinces: z.array(z.object({ code: z.string(), name: z.string(), productCount: z.number().int() })),
});
export type StorefrontHome = z.infer<typeof storefrontHomeSchema>;

/** `GET /shops/:id` (public): `id` is the seller's id. */
export const shopParamsSchema = z.strictObject({ id: objectIdSchema });
export const shopQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
});
export type ShopQuery = z.infer<typeof shopQuerySchema>;

/**
 * A seller's public shop: the public identity a product page already shows (name, kind, commune and province; no
 * personal data) and its approved products, newest first. A seller with no approved product has no shop (404).
 */
export const shopSchema = z.object({
  seller: z.object({
    id: z.string(),
    displayName: z.string(),
    type: z.string(),
    communeName: z.string(),
    provinceName: z.string(),
  }),
  products: productCardPageSchema,
});
export type Shop = z.infer<typeof shopSchema>;

import { productDetailSchema, productPageSchema, productSchema } from '@nss/contracts';
import { createZodDto } from '@nss/server-core';

/** Response DTOs shared by the product and moderation controllers (one class per OpenAPI component name). */
export class ProductResponseDto extends createZodDto(productSchema) {}
export class ProductPageResponseDto extends createZodDto(productPageSchema) {}
export class ProductDetailResponseDto extends createZodDto(productDetailSchema) {}

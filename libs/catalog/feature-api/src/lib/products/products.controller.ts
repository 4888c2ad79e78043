import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createProductSchema, productIdParamsSchema, productPhotoParamsSchema, sellerProductsQuerySchema, updateProductSchema } from '@nss/contracts';
import type { Page, Product, ProductDetail } from '@nss/contracts';
import { Actor, APP_CONFIG, AppConfig, CurrentActor, Public, Roles, createZodDto } from '@nss/server-core';
import { readUploadedFile } from '../photos/multipart-file';
import { PhotosService } from '../photos/photos.service';
import { ProductDetailResponseDto, ProductPageResponseDto, ProductResponseDto } from './product.dto';
import { ProductsService } from './products.service';
import { PublicProductsService } from './public-products.service';
import { CatalogValidatorsInterceptor } from '../search/catalog-validators.interceptor';

class CreateProductDto extends createZodDto(createProductSchema) {}
class UpdateProductDto extends createZodDto(updateProductSchema) {}
class SellerProductsQueryDto extends createZodDto(sellerProductsQuerySchema) {}
class ProductIdParamsDto extends createZodDto(productIdParamsSchema) {}
class ProductPhotoParamsDto extends createZodDto(productPhotoParamsSchema) {}

/** `POST /products/:id/photos` is multipart: one image in the field `file` (jpeg/png/webp, at most UPLOAD_MAX_BYTES). */
const PHOTO_UPLOAD_BODY = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'Ảnh JPEG/PNG/WebP / JPEG, PNG or WebP image' } },
};

@ApiTags('products')
@Controller()
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly publicProducts: PublicProductsService,
    private readonly photos: PhotosService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('products')
  @Roles('seller', 'agent')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: ProductResponseDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateProductDto): Promise<Product> {
    return this.products.create(actor, body);
  }

  @Patch('products/:id')
  @Roles('seller', 'agent')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ProductResponseDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: ProductIdParamsDto, @Body() body: UpdateProductDto): Promise<Product> {
    return this.products.update(actor, id, body);
  }

  @Get('products/:id')
  @Public()
  @UseInterceptors(CatalogValidatorsInterceptor)
  @ApiOkResponse({ type: ProductDetailResponseDto })
  detail(@Param() { id }: ProductIdParamsDto): Promise<ProductDetail> {
    return this.publicProducts.detail(id);
  }

  @Get('seller/products')
  @Roles('seller', 'agent')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ProductPageResponseDto })
  listOwn(@CurrentActor() actor: Actor, @Query() query: SellerProductsQueryDto): Promise<Page<Product>> {
    return this.products.listForSeller(actor, query);
  }

  @Get('seller/products/:id')
  @Roles('seller', 'agent', 'province_staff', 'admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ProductResponseDto })
  getOwn(@CurrentActor() actor: Actor, @Param() { id }: ProductIdParamsDto): Promise<Product> {
    return this.products.getForEditor(actor, id);
  }

  @Post('products/:id/photos')
  @Roles('seller', 'agent')
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: PHOTO_UPLOAD_BODY })
  @ApiCreatedResponse({ type: ProductResponseDto })
  async uploadPhoto(@CurrentActor() actor: Actor, @Param() { id }: ProductIdParamsDto, @Req() request: FastifyRequest): Promise<Product> {
    const data = await readUploadedFile(request, this.config.UPLOAD_MAX_BYTES);
    return this.photos.upload(actor, id, data);
  }

  @Delete('products/:id/photos/:photoId')
  @Roles('seller', 'agent')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Đã xoá ảnh / photo removed' })
  deletePhoto(@CurrentActor() actor: Actor, @Param() params: ProductPhotoParamsDto): Promise<void> {
    return this.photos.remove(actor, params.id, params.photoId);
  }
}

import { Controller, Get, Header, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { productCardPageSchema, searchQuerySchema, shopParamsSchema, shopQuerySchema, shopSchema, storefrontHomeSchema } from '@nss/contracts';
import type { Shop, StorefrontHome } from '@nss/contracts';
import { AppError, Public, createZodDto } from '@nss/server-core';
import { CategoriesService } from '../categories/categories.service';
import { CatalogSearchIndex } from './catalog-search-index';
import { CatalogValidatorsInterceptor } from './catalog-validators.interceptor';
import type { SearchResult } from './search-corpus';

class SearchQueryDto extends createZodDto(searchQuerySchema) {}
class ProductCardPageDto extends createZodDto(productCardPageSchema) {}
class StorefrontHomeDto extends createZodDto(storefrontHomeSchema) {}
class ShopParamsDto extends createZodDto(shopParamsSchema) {}
class ShopQueryDto extends createZodDto(shopQuerySchema) {}
class ShopDto extends createZodDto(shopSchema) {}

const FEATURED_COUNT = 12;

@ApiTags('storefront')
@Controller()
export class SearchController {
  /**
   * The JSON of each cached result page, made once. The search corpus returns the same page object for a repeated
   * request until the catalogue changes (then it drops its cache), so the serialised text lives exactly as long as
   * the page it was made from. Search is the hottest public route; serialising ~20 cards per request was a large
   * part of its cost.
   */
  private readonly serialised = new WeakMap<SearchResult, string>();

  constructor(
    private readonly index: CatalogSearchIndex,
    private readonly categories: CategoriesService,
  ) {}

  @Get('search')
  @Public()
  @UseInterceptors(CatalogValidatorsInterceptor)
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOkResponse({ type: ProductCardPageDto })
  async search(@Query() query: SearchQueryDto): Promise<string> {
    const result = await this.index.search(query);
    let json = this.serialised.get(result);
    if (json === undefined) {
      json = JSON.stringify({ ...result, page: query.page, pageSize: query.pageSize });
      this.serialised.set(result, json);
    }
    return json;
  }

  /**
   * A seller's public shop page (the web's `/cua-hang/:id`): public identity and approved products. Same validators
   * as search (the catalogue version), so a moderation decision shows at once.
   */
  @Get('shops/:id')
  @Public()
  @UseInterceptors(CatalogValidatorsInterceptor)
  @ApiOkResponse({ type: ShopDto })
  async shop(@Param() { id }: ShopParamsDto, @Query() query: ShopQueryDto): Promise<Shop> {
    const shop = await this.index.shop(id, query);
    if (!shop) throw AppError.notFound('cửa hàng', 'Shop');
    return shop;
  }

  @Get('storefront/home')
  @Public()
  @UseInterceptors(CatalogValidatorsInterceptor)
  @ApiOkResponse({ type: StorefrontHomeDto })
  async home(): Promise<StorefrontHome> {
    const [featured, provinces] = await Promise.all([this.index.featured(FEATURED_COUNT), this.index.provinces()]);
    return { featured, categories: this.categories.list(), provinces };
  }
}

import { Controller, Get, Header, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { productCardPageSchema, searchQuerySchema, storefrontHomeSchema } from '@nss/contracts';
import type { StorefrontHome } from '@nss/contracts';
import { Public, createZodDto } from '@nss/server-core';
import { CategoriesService } from '../categories/categories.service';
import { CatalogSearchIndex } from './catalog-search-index';
import { CatalogValidatorsInterceptor } from './catalog-validators.interceptor';
import type { SearchResult } from './search-corpus';

class SearchQueryDto extends createZodDto(searchQuerySchema) {}
class ProductCardPageDto extends createZodDto(productCardPageSchema) {}
class StorefrontHomeDto extends createZodDto(storefrontHomeSchema) {}

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

  @Get('storefront/home')
  @Public()
  @UseInterceptors(CatalogValidatorsInterceptor)
  @ApiOkResponse({ type: StorefrontHomeDto })
  async home(): Promise<StorefrontHome> {
    const [featured, provinces] = await Promise.all([this.index.featured(FEATURED_COUNT), this.index.provinces()]);
    return { featured, categories: this.categories.list(), provinces };
  }
}

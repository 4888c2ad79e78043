import { Controller, Get, Query } from '@nestjs/common';
import { searchQuerySchema } from '@nss/contracts';
import type { Page, ProductCard, StorefrontHome } from '@nss/contracts';
import { Public, createZodDto } from '@nss/server-core';
import { CategoriesService } from '../categories/categories.service';
import { CatalogSearchIndex } from './catalog-search-index';

class SearchQueryDto extends createZodDto(searchQuerySchema) {}

const FEATURED_COUNT = 12;

@Controller()
export class SearchController {
  constructor(
    private readonly index: CatalogSearchIndex,
    private readonly categories: CategoriesService,
  ) {}

  @Get('search')
  @Public()
  async search(@Query() query: SearchQueryDto): Promise<Page<ProductCard>> {
    const result = await this.index.search(query);
    return { ...result, page: query.page, pageSize: query.pageSize };
  }

  @Get('storefront/home')
  @Public()
  async home(): Promise<StorefrontHome> {
    const [featured, provinces] = await Promise.all([this.index.featured(FEATURED_COUNT), this.index.provinces()]);
    return { featured, categories: this.categories.list(), provinces };
  }
}

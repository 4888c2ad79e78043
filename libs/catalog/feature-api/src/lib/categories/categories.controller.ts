import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { categorySchema } from '@nss/contracts';
import type { Category } from '@nss/contracts';
import { createZodDto, Public } from '@nss/server-core';
import { CategoriesService } from './categories.service';

class CategoryResponseDto extends createZodDto(categorySchema) {}

@ApiTags('categories')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: CategoryResponseDto, isArray: true })
  list(): Category[] {
    return this.categories.list();
  }
}

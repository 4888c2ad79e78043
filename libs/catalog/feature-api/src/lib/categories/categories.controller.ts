import { Controller, Get } from '@nestjs/common';
import { Public } from '@nss/server-core';
import type { Category } from '@nss/contracts';
import { CategoriesService } from './categories.service';

@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Public()
  list(): Category[] {
    return this.categories.list();
  }
}

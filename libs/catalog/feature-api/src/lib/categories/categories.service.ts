import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Category } from '@nss/contracts';
import { CATEGORIES } from './categories.data';
import { CategoriesRepository } from './categories.repository';

@Injectable()
export class CategoriesService implements OnApplicationBootstrap {
  constructor(private readonly categories: CategoriesRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureCategories();
  }

  /** Mirrors the code list into the collection; running it again changes nothing (upsert by slug id). */
  async ensureCategories(): Promise<void> {
    await this.categories.mirror(CATEGORIES);
  }

  /** Served from code: the collection only mirrors it for reports and tools that read the database. */
  list(): Category[] {
    return CATEGORIES.map((c) => ({ ...c }));
  }
}

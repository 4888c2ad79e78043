import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Category } from '@nss/contracts';
import { CATEGORIES } from './categories.data';
import { CategoryDoc } from './category.schema';

@Injectable()
export class CategoriesService implements OnApplicationBootstrap {
  constructor(@InjectModel(CategoryDoc.name) private readonly categories: Model<CategoryDoc>) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureCategories();
  }

  /** Mirrors the code list into the collection; running it again changes nothing (upsert by slug id). */
  async ensureCategories(): Promise<void> {
    await this.categories.bulkWrite(
      CATEGORIES.map((c, order) => ({
        updateOne: {
          filter: { _id: c.id },
          update: { $set: { name: c.name, nameEn: c.nameEn, order } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /** Served from code: the collection only mirrors it for reports and tools that read the database. */
  list(): Category[] {
    return CATEGORIES.map((c) => ({ ...c }));
  }
}

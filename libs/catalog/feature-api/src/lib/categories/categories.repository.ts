import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CategoryDoc } from './category.schema';

/** The categories collection: a mirror of the code list (categories.data.ts) for reports and database tools. */
@Injectable()
export class CategoriesRepository {
  constructor(@InjectModel(CategoryDoc.name) private readonly categories: Model<CategoryDoc>) {}

  /** Upserts each category by its slug id, in list order; running it again changes nothing. */
  async mirror(list: ReadonlyArray<{ id: string; name: string; nameEn: string }>): Promise<void> {
    await this.categories.bulkWrite(
      list.map((c, order) => ({
        updateOne: { filter: { _id: c.id }, update: { $set: { name: c.name, nameEn: c.nameEn, order } }, upsert: true },
      })),
      { ordered: false },
    );
  }
}

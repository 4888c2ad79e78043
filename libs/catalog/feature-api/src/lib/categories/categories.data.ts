import type { Category } from '@nss/contracts';

/**
 * The category list lives in code (ids are stable slugs, so product documents and links survive re-seeding);
 * `CategoriesService.ensureCategories()` mirrors it into the `categories` collection at start-up.
 */
export const CATEGORIES: ReadonlyArray<Category> = [
  { id: 'che', slug: 'che', name: 'Chè', nameEn: 'Tea' },
  { id: 'gao', slug: 'gao', name: 'Gạo', nameEn: 'Rice' },
  { id: 'mien-bun', slug: 'mien-bun', name: 'Miến, bún, phở khô', nameEn: 'Vermicelli & noodles' },
  { id: 'mat-ong', slug: 'mat-ong', name: 'Mật ong', nameEn: 'Honey' },
  { id: 'rau-cu-qua', slug: 'rau-cu-qua', name: 'Rau củ quả', nameEn: 'Vegetables & fruit' },
  { id: 'dac-san-kho', slug: 'dac-san-kho', name: 'Đặc sản khô', nameEn: 'Dried specialities' },
  { id: 'duoc-lieu', slug: 'duoc-lieu', name: 'Dược liệu', nameEn: 'Herbal products' },
  { id: 'gia-vi', slug: 'gia-vi', name: 'Gia vị', nameEn: 'Spices & condiments' },
  { id: 'do-uong', slug: 'do-uong', name: 'Đồ uống', nameEn: 'Beverages' },
  { id: 'thit-ca', slug: 'thit-ca', name: 'Thịt, cá chế biến', nameEn: 'Processed meat & fish' },
  { id: 'thu-cong', slug: 'thu-cong', name: 'Thủ công mỹ nghệ', nameEn: 'Handicrafts' },
];

const byId = new Map(CATEGORIES.map((c) => [c.id, c]));

export function findCategory(id: string): Category | undefined {
  return byId.get(id);
}

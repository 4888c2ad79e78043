import sharp from 'sharp';
import type { CreateProductRequest, Product } from '@nss/contracts';
import { anAccount, type CreatedAccount } from './accounts.factory';
import type { TestApi } from './test-api';

/** A valid create-product body; override any field. */
export function productBody(overrides: Partial<CreateProductRequest> = {}): CreateProductRequest {
  return {
    categoryId: 'che',
    name: 'Chè Thái Nguyên đặc biệt',
    description: 'Chè búp Tân Cương, sao tay, vụ xuân',
    unit: 'package',
    netWeightGrams: 500,
    priceVnd: 180_000,
    stock: 40,
    certifications: [{ kind: 'vietgap', certificateNumber: 'VG-19-0421' }],
    ...overrides,
  };
}

/**
 * Fluent factory for products through the real endpoints:
 *   const product = await aProduct().named('Gạo nếp').approvedBy(staff).create(api, sellerToken);
 * `approved()` approves through a (new) staff member of the product's province.
 */
export class ProductBuilder {
  private body = productBody();
  private approver: CreatedAccount | 'new' | null = null;

  named(name: string): this {
    this.body = { ...this.body, name };
    return this;
  }

  with(overrides: Partial<CreateProductRequest>): this {
    this.body = { ...this.body, ...overrides };
    return this;
  }

  approved(staff?: CreatedAccount): this {
    this.approver = staff ?? 'new';
    return this;
  }

  async create(api: TestApi, token: string): Promise<Product> {
    const res = await api.request<Product>({ method: 'POST', url: '/api/products', token, body: this.body });
    if (res.status !== 201) throw new Error(`product creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    let product: Product = res.body;
    if (this.approver) {
      const staff = this.approver === 'new' ? await anAccount().withRole('province_staff').inProvince(product.provinceCode).create(api) : this.approver;
      const decided = await api.request<Product>({ method: 'POST', url: `/api/moderation/products/${product.id}`, token: staff.accessToken, body: { decision: 'approve' } });
      if (decided.status !== 200) throw new Error(`approval failed: ${decided.status} ${JSON.stringify(decided.body)}`);
      product = decided.body;
    }
    return product;
  }
}

export function aProduct(): ProductBuilder {
  return new ProductBuilder();
}

/** A real PNG image of the given size. */
export function aPng(width = 1600, height = 1200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 60, g: 140, b: 70 } } }).png().toBuffer();
}

/** A multipart/form-data body with one file part, for `api.request({ payload, headers })`. */
export function multipartFile(data: Buffer, options: { field?: string; filename?: string; contentType?: string } = {}) {
  const boundary = `----nss${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${options.filename ?? 'anh.png'}"\r\n` +
      `Content-Type: ${options.contentType ?? 'image/png'}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

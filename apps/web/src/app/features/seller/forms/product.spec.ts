import {
  EMPTY_PRODUCT_FORM,
  checkProduct,
  fromProduct,
  needsReview,
  ocopValidity,
  parseWholeNumber,
  pricePreview,
  toCreateRequest,
  toUpdateRequest,
  type ProductFormValue,
} from './product';
import type { Product } from '../data/seller.models';

const filled: ProductFormValue = {
  ...EMPTY_PRODUCT_FORM,
  name: '  Chè Tân Cương  ',
  categoryId: 'tea',
  unit: 'package',
  netWeightGrams: '200',
  price: '120.000',
  stock: '50',
  description: 'Chè búp',
};

describe('price preview', () => {
  it('formats whole đồng typed with or without dots', () => {
    expect(pricePreview('120000')).toBe('120.000 ₫');
    expect(pricePreview('120.000')).toBe('120.000 ₫');
    expect(pricePreview('1 500 000')).toBe('1.500.000 ₫');
  });

  it('shows nothing for decimals, letters or negatives', () => {
    expect(pricePreview('')).toBe('');
    expect(pricePreview('12,5')).toBe('');
    expect(pricePreview('abc')).toBe('');
    expect(pricePreview('-5')).toBe('');
    expect(parseWholeNumber('12.5')).toBe(125); // dots group thousands in Vietnamese
  });
});

describe('toCreateRequest', () => {
  it('maps the form to POST /products with integer đồng and trimmed text', () => {
    expect(toCreateRequest(filled)).toEqual({
      categoryId: 'tea',
      unit: 'package',
      netWeightGrams: 200,
      priceVnd: 120000,
      stock: 50,
      name: 'Chè Tân Cương',
      description: 'Chè búp',
      certifications: [],
    });
  });

  it('adds sellerId for an agent and the OCOP certificate with the issuer its stars require', () => {
    const request = toCreateRequest(
      {
        ...filled,
        organic: true,
        organicStandard: 'TCVN 11041',
        ocop: true,
        ocopProductGroup: 'beverages',
        ocopStars: '5',
        ocopDecisionNumber: '123/QĐ-UBND',
        ocopDecisionDate: '2024-03-15',
      },
      '0123456789abcdef01234567',
    );
    expect(request.sellerId).toBe('0123456789abcdef01234567');
    expect(request.certifications).toEqual([{ kind: 'organic', standard: 'TCVN 11041' }]);
    expect(request.ocop).toEqual({
      productGroup: 'beverages',
      stars: 5,
      decisionNumber: '123/QĐ-UBND',
      decisionDate: '2024-03-15',
      issuer: 'central',
    });
  });
});

describe('toUpdateRequest', () => {
  it('sends only what changed, and null when nothing did', () => {
    expect(toUpdateRequest(filled, filled)).toBeNull();
    expect(toUpdateRequest(filled, { ...filled, price: '130000', stock: '40' })).toEqual({ priceVnd: 130000, stock: 40 });
  });

  it('tells whether the change goes back to review', () => {
    expect(needsReview({ priceVnd: 1, stock: 2 })).toBe(false);
    expect(needsReview({ name: 'Chè mới' })).toBe(true);
    expect(needsReview({ ocop: null })).toBe(true);
  });

  it('removes an OCOP certificate with ocop: null', () => {
    const withOcop = { ...filled, ocop: true, ocopProductGroup: 'food' as const, ocopStars: '3', ocopDecisionNumber: '1', ocopDecisionDate: '2025-01-01' };
    expect(toUpdateRequest(withOcop, { ...withOcop, ocop: false })).toEqual({ ocop: null });
  });
});

describe('fromProduct', () => {
  it('shows pending changes the seller made rather than the approved text', () => {
    const product = {
      id: 'p1', sellerId: 's1', name: 'Old', description: 'd', categoryId: 'tea', unit: 'kg', netWeightGrams: 1000,
      priceVnd: 200000, stock: 3, photos: [], certifications: [{ kind: 'vietgap', certificateNumber: 'VG-1' }],
      moderation: { status: 'approved', pendingChanges: { name: 'New', submittedAt: '2026-01-01T00:00:00Z' } },
      provinceCode: '19', communeCode: '05500', createdAt: '', updatedAt: '',
    } as Product;
    const value = fromProduct(product);
    expect(value.name).toBe('New');
    expect(value.price).toBe('200000');
    expect(value.vietgap).toBe(true);
    expect(value.vietgapNumber).toBe('VG-1');
  });
});

describe('checkProduct', () => {
  it('flags missing and non-whole numbers by API path', () => {
    expect(checkProduct({ ...filled, price: '12,5', name: '' })).toEqual({ priceVnd: 'wholeNumber', name: 'required' });
    expect(checkProduct({ ...filled, vietgap: true })).toEqual({ 'certifications.0.certificateNumber': 'required' });
  });
});

describe('ocopValidity', () => {
  const now = new Date('2026-11-22T05:00:00Z');
  it('is valid 36 months from the decision date', () => {
    expect(ocopValidity('2024-03-15', now)).toEqual({ expiresAt: '2027-03-15', state: 'valid' });
  });
  it('is expiring within 90 days and expired on the day', () => {
    expect(ocopValidity('2024-01-20', now)?.state).toBe('expiring');
    expect(ocopValidity('2023-11-22', now)?.state).toBe('expired');
    expect(ocopValidity('2023-11-23', now)?.state).toBe('expiring');
  });
  it('ignores unfinished dates', () => {
    expect(ocopValidity('2024-03', now)).toBeNull();
  });
});

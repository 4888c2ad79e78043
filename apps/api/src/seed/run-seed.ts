import type { AppConfig } from '@nss/server-core';
import type { Page, Product, SellerDetail } from '@nss/contracts';
import { UsersService } from '@nss/accounts-api';
import { SellerRegistrationService } from '@nss/onboarding-api';
import { createApiApp } from '../app/bootstrap';
import { SeedClient } from './seed-client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PRODUCTS, DEMO_PROVINCE, DEMO_SELLERS, DemoSeller } from './demo-data';
import { demoProductPhoto } from './demo-photo';

/**
 * `node main.js seed`: the demo province (Thái Nguyên) with staff, an agent, a cooperative and households, a buyer,
 * a training session and OCOP products with photos, all created through the API's own rules. Every step looks for
 * what an earlier run made, so a second run (or a run after a crash half-way) finishes the job without duplicates.
 */
export async function runSeed(config: AppConfig): Promise<void> {
  if (!config.isDevelopment && !config.ALLOW_DEMO_SEED) {
    throw new Error('seed: refusing to create demo accounts outside NODE_ENV=development (set ALLOW_DEMO_SEED=true for a demo deployment)');
  }
  const app = await createApiApp(config, { logger: false, openApiUi: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  try {
    await seedDemoProvince(app.get(UsersService), new SeedClient(app), app.get(SellerRegistrationService));
  } finally {
    await app.close();
  }
}

async function seedDemoProvince(users: UsersService, api: SeedClient, registration: SellerRegistrationService): Promise<void> {
  const log = (message: string) => console.warn(`[seed] ${message}`);
  for (const account of DEMO_ACCOUNTS.filter((a) => a.role !== 'seller')) {
    if (await users.findByPhone(account.phone)) continue;
    await users.createUser({
      phone: account.phone,
      password: DEMO_PASSWORD,
      fullName: account.fullName,
      role: account.role,
      ...(account.role === 'agent' || account.role === 'province_staff' ? { provinceCode: DEMO_PROVINCE } : {}),
    });
    log(`account ${account.label}`);
  }
  const staff = await api.login(phone('staff'), DEMO_PASSWORD);
  const agent = await api.login(phone('agent'), DEMO_PASSWORD);

  const sellerIds = new Map<string, string>();
  const sellerTokens = new Map<string, string>();
  for (const seller of DEMO_SELLERS) {
    const id = await ensureSeller(api, users, registration, seller, agent);
    sellerIds.set(seller.key, id);
    if (seller.accountKey) sellerTokens.set(seller.key, await api.login(seller.phone, DEMO_PASSWORD));
    const detail = await api.call<SellerDetail>('GET', `/api/sellers/${id}`, staff);
    if (seller.verified && detail.status === 'pending_verification') {
      await api.call('POST', `/api/sellers/${id}/verify`, staff, { decision: 'approve' });
      log(`verified ${seller.displayName}`);
    }
  }
  // Seller tokens carry the seller id only once the profile exists: sign in again after registration.
  for (const seller of DEMO_SELLERS.filter((s) => s.accountKey)) {
    sellerTokens.set(seller.key, await api.login(seller.phone, DEMO_PASSWORD));
  }

  for (const product of DEMO_PRODUCTS) {
    const seller = DEMO_SELLERS.find((s) => s.key === product.sellerKey) as DemoSeller;
    const sellerId = sellerIds.get(seller.key) as string;
    const token = sellerTokens.get(seller.key) ?? agent;
    const listing = await api.call<Page<Product>>(
      'GET',
      `/api/seller/products?pageSize=100${sellerTokens.has(seller.key) ? '' : `&sellerId=${sellerId}`}`,
      token,
    );
    let existing = listing.items.find((p) => p.name === product.name);
    if (!existing) {
      existing = await api.call<Product>('POST', '/api/products', token, {
        ...(sellerTokens.has(seller.key) ? {} : { sellerId }),
        name: product.name,
        description: product.description,
        categoryId: product.categorySlug,
        unit: product.unit,
        netWeightGrams: product.netWeightGrams,
        priceVnd: product.priceVnd,
        stock: product.stock,
        certifications: product.certifications.map((kind) =>
          kind === 'vietgap'
            ? { kind, certificateNumber: `VietGAP-TT-${sellerId.slice(-4)}`, issuedBy: 'Trung tâm Chứng nhận VietGAP' }
            : { kind, standard: 'TCVN 11041-2:2017' },
        ),
        ...(product.ocop
          ? { ocop: { ...product.ocop, issuer: product.ocop.stars === 5 ? 'central' : 'province' } }
          : {}),
      });
      log(`product ${product.name}`);
    }
    const current = existing;
    if (current.photos.length === 0) {
      await api.uploadPhoto(current.id, token, await demoProductPhoto(product.name, product.colour));
    }
    if (current.moderation.status === 'pending' && seller.verified) {
      await api.call('POST', `/api/moderation/products/${current.id}`, staff, { decision: 'approve' });
    }
  }

  const sessions = await api.call<{ total: number }>('GET', '/api/training-sessions', agent);
  if (sessions.total === 0) {
    await api.call('POST', '/api/training-sessions', agent, {
      date: '2026-11-15',
      communeCode: '05503',
      topics: ['Đăng ký tài khoản bán hàng', 'Chụp ảnh sản phẩm bằng điện thoại', 'Tem truy xuất nguồn gốc'],
      attendees: [
        { name: 'Nguyễn Văn Thắng', phone: phone('coop') },
        { name: 'Hoàng Thị Hoa', phone: phone('household') },
        { name: 'Lò Văn Páo' },
        { name: 'Triệu Thị Mai' },
      ],
    });
    log('training session at Tân Cương');
  }
  // The storefront must show what was approved: fail loudly here rather than start an empty shop.
  const found = await api.call<Page<{ name: string }>>('GET', `/api/search?q=${encodeURIComponent('che thai nguyen')}`);
  if (!found.items.some((item) => item.name === DEMO_PRODUCTS[0]?.name)) {
    throw new Error('seed: the approved demo products are not searchable');
  }
  log('demo province ready');
}

function phone(key: string): string {
  const account = DEMO_ACCOUNTS.find((a) => a.key === key);
  if (!account) throw new Error(`seed: no demo account ${key}`);
  return account.phone;
}

/**
 * Self-registered demo sellers go through the registration service in-process: the public route needs the code
 * texted to the phone, and the demo phones are not real. Agent-registered ones go through the API; its answer does
 * not say what was created, so the seller is found by its phone afterwards.
 */
async function ensureSeller(
  api: SeedClient,
  users: UsersService,
  registration: SellerRegistrationService,
  seller: DemoSeller,
  agent: string,
): Promise<string> {
  const user = await users.findByPhone(seller.phone);
  if (user?.sellerId) return user.sellerId;
  const profile = {
    phone: seller.phone,
    type: seller.type,
    representativeName: seller.representativeName,
    displayName: seller.displayName,
    citizenId: seller.citizenId,
    address: { provinceCode: DEMO_PROVINCE, communeCode: seller.communeCode, text: seller.addressText },
  };
  if (seller.accountKey) {
    const result = await registration.registerSelfWithProvenPhone(profile, DEMO_PASSWORD);
    if (!result.seller) throw new Error(`seed: self-registration of ${seller.displayName} created no seller`);
    return result.seller.id;
  }
  await api.call('POST', '/api/sellers', agent, {
    ...profile,
    consent: { given: true, method: 'signed_form', recordedAt: new Date().toISOString() },
  });
  const created = await users.findByPhone(seller.phone);
  if (!created?.sellerId) throw new Error(`seed: ${seller.displayName} was not created (its citizen ID or phone is registered)`);
  return created.sellerId;
}

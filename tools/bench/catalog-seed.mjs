// Realistic catalogue data for the benchmark: approved products of Vietnamese farm produce and OCOP goods,
// written straight into the products collection (insertMany in batches), shaped exactly like the API's documents.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const CATALOGUE = {
  che: {
    bases: ['Chè móc câu', 'Chè búp', 'Chè Shan tuyết', 'Chè đinh', 'Chè nõn tôm', 'Trà xanh', 'Chè vàng', 'Hồng trà'],
    places: ['Tân Cương', 'Thái Nguyên', 'La Bằng', 'Trại Cài', 'Suối Giàng', 'Hà Giang', 'Mộc Châu', 'Phìn Hồ'],
    unit: 'package', grams: [100, 200, 500], price: [60_000, 900_000], group: 'beverages',
  },
  gao: {
    bases: ['Gạo ST25', 'Gạo nếp cái hoa vàng', 'Gạo tám thơm', 'Gạo séng cù', 'Gạo lứt đỏ', 'Gạo Bao Thai', 'Gạo nếp Tú Lệ'],
    places: ['Điện Biên', 'Mường Lò', 'Tú Lệ', 'Định Hóa', 'Sóc Trăng', 'Bát Xát', 'Hải Hậu'],
    unit: 'bag', grams: [2000, 5000, 10000], price: [45_000, 450_000], group: 'food',
  },
  'mien-bun': {
    bases: ['Miến dong', 'Bún khô', 'Phở khô', 'Miến gạo', 'Bánh đa đỏ', 'Mì chũ'],
    places: ['Bình Liêu', 'Na Rì', 'Việt Cường', 'Bắc Kạn', 'Lục Ngạn', 'Cao Bằng'],
    unit: 'package', grams: [300, 500, 1000], price: [30_000, 180_000], group: 'food',
  },
  'mat-ong': {
    bases: ['Mật ong bạc hà', 'Mật ong hoa nhãn', 'Mật ong rừng', 'Mật ong hoa cà phê', 'Mật ong bạc hà nguyên chất'],
    places: ['Hà Giang', 'Đồng Văn', 'Mèo Vạc', 'Hưng Yên', 'Tây Nguyên', 'Yên Bái'],
    unit: 'bottle', grams: [500, 1000], price: [150_000, 650_000], group: 'food',
  },
  'rau-cu-qua': {
    bases: ['Cam sành', 'Bưởi Diễn', 'Na dai', 'Vải thiều', 'Mận hậu', 'Quýt vàng', 'Khoai lang', 'Su su'],
    places: ['Hàm Yên', 'Chi Lăng', 'Lục Ngạn', 'Mộc Châu', 'Bắc Sơn', 'Tam Đảo', 'Bảo Lâm'],
    unit: 'kg', grams: [1000], price: [20_000, 120_000], group: 'food',
  },
  'dac-san-kho': {
    bases: ['Thịt trâu gác bếp', 'Măng khô', 'Nấm hương rừng', 'Lạp xưởng hun khói', 'Mộc nhĩ', 'Hạt dổi'],
    places: ['Điện Biên', 'Sơn La', 'Cao Bằng', 'Lai Châu', 'Bắc Kạn', 'Lạng Sơn'],
    unit: 'package', grams: [250, 500, 1000], price: [80_000, 1_200_000], group: 'food',
  },
  'duoc-lieu': {
    bases: ['Trà hoa vàng', 'Cao atiso', 'Tam thất', 'Sâm Ngọc Linh', 'Giảo cổ lam', 'Đương quy'],
    places: ['Ba Chẽ', 'Đà Lạt', 'Hà Giang', 'Kon Tum', 'Sa Pa', 'Hòa Bình'],
    unit: 'box', grams: [100, 200, 500], price: [120_000, 3_000_000], group: 'herbal',
  },
  'thu-cong': {
    bases: ['Giỏ mây tre đan', 'Khăn thổ cẩm', 'Chiếu cói', 'Túi thổ cẩm Tày', 'Nón lá', 'Bình gốm'],
    places: ['Nga Sơn', 'Cao Bằng', 'Mai Châu', 'Phú Vinh', 'Bát Tràng', 'Huế'],
    unit: 'piece', grams: [300, 800, 1500], price: [60_000, 900_000], group: 'handicrafts',
  },
};

const QUALIFIERS = ['', '', 'loại 1', 'đặc biệt', 'hữu cơ', 'thượng hạng', 'vụ mới', 'nguyên chất', 'truyền thống'];
const PRAISE = [
  'Sản phẩm của hộ gia đình, trồng và chế biến theo quy trình VietGAP.',
  'Thu hoạch thủ công, đóng gói ngay tại hợp tác xã.',
  'Hương vị đặc trưng vùng cao, không chất bảo quản.',
  'Đạt chứng nhận OCOP, được người tiêu dùng tin dùng.',
  'Giao hàng toàn quốc qua bưu điện, đóng gói cẩn thận.',
  'Nguyên liệu chọn lọc, sản xuất theo phương pháp truyền thống.',
];
const SELLER_KINDS = ['HTX', 'Hộ kinh doanh', 'Tổ hợp tác', 'Cơ sở'];
const HIGHLAND_PROVINCES = ['19', '04', '14', '15', '08', '12', '11', '20', '24', '22', '68', '01'];

function pick(list, n) {
  return list[n % list.length];
}

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function loadProvinces(repoRoot) {
  const file = path.join(repoRoot, 'libs/admin-units/data/src/data/units-2025.json');
  const { provinces } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byCode = new Map(provinces.map((p) => [p.code, p]));
  return HIGHLAND_PROVINCES.map((code) => byCode.get(code)).filter(Boolean);
}

function objectIdHex(n) {
  const time = Math.floor(Date.now() / 1000 - 86_400 * 30).toString(16).padStart(8, '0');
  return time + randomBytes(4).toString('hex') + n.toString(16).padStart(8, '0');
}

/** Builds `count` approved product documents (deterministic names, random ids). */
export function buildProducts(count, repoRoot, ObjectId) {
  const random = rng(20261122);
  const provinces = loadProvinces(repoRoot);
  const categories = Object.entries(CATALOGUE);
  const now = Date.now();
  const sellers = Array.from({ length: 400 }, (_, i) => {
    const province = provinces[i % provinces.length];
    const commune = province.communes[Math.floor(random() * province.communes.length)];
    const [, spec] = categories[i % categories.length];
    return {
      id: objectIdHex(100_000 + i),
      name: `${pick(SELLER_KINDS, i)} ${pick(spec.bases, i).split(' ').slice(0, 2).join(' ')} ${pick(spec.places, i * 7)}`,
      provinceCode: province.code,
      provinceName: province.name,
      communeCode: commune[0],
      communeName: commune[1],
    };
  });
  const docs = [];
  for (let i = 0; i < count; i++) {
    const [categoryId, spec] = categories[Math.floor(random() * categories.length)];
    const seller = sellers[Math.floor(random() * sellers.length)];
    const qualifier = pick(QUALIFIERS, Math.floor(random() * 1000));
    const name = [pick(spec.bases, Math.floor(random() * 1000)), pick(spec.places, Math.floor(random() * 1000)), qualifier]
      .filter(Boolean)
      .join(' ');
    const description = `${name}. ${pick(PRAISE, i)} ${pick(PRAISE, i * 3 + 1)} Sản xuất tại ${seller.communeName}, ${seller.provinceName}.`;
    const [low, high] = spec.price;
    const priceVnd = Math.round((low + random() * (high - low)) / 1000) * 1000;
    const listedAt = new Date(now - Math.floor(random() * 200 * 86_400_000));
    const hasOcop = random() < 0.15;
    const stars = hasOcop ? (random() < 0.1 ? 5 : random() < 0.5 ? 4 : 3) : 0;
    const decisionDate = new Date(now - Math.floor(random() * 3 * 365 * 86_400_000)).toISOString().slice(0, 10);
    const expires = new Date(`${decisionDate}T00:00:00Z`);
    expires.setUTCMonth(expires.getUTCMonth() + 36);
    docs.push({
      _id: new ObjectId(),
      sellerId: seller.id,
      provinceCode: seller.provinceCode,
      communeCode: seller.communeCode,
      adminEra: '2025',
      sellerName: seller.name,
      sellerType: 'cooperative',
      provinceName: seller.provinceName,
      communeName: seller.communeName,
      categoryId,
      name,
      description,
      unit: spec.unit,
      netWeightGrams: pick(spec.grams, i),
      priceVnd,
      stock: Math.floor(random() * 500),
      certifications: random() < 0.3 ? [{ kind: 'vietgap', certificateNumber: `VG-${seller.provinceCode}-${1000 + (i % 9000)}` }] : [],
      ocop: hasOcop
        ? {
            productGroup: spec.group,
            stars,
            decisionNumber: `${100 + (i % 900)}/QĐ-${stars === 5 ? 'BNNPTNT' : 'UBND'}`,
            decisionDate,
            issuer: stars === 5 ? 'central' : 'province',
            expiresAt: expires.toISOString().slice(0, 10),
          }
        : null,
      photos: [],
      status: 'approved',
      needsReview: false,
      pendingChanges: null,
      approvedAt: listedAt,
      listedAt,
      createdByUserId: objectIdHex(i),
      createdAt: listedAt,
      updatedAt: listedAt,
      version: 0,
    });
  }
  return docs;
}

/** Search queries people type: with and without diacritics, upper case, half-typed last words, filters. */
export const SEARCH_QUERIES = [
  'q=che%20thai%20nguyen',
  'q=CHE%20THAI%20NGUYEN',
  `q=${encodeURIComponent('chè thái nguyên')}`,
  'q=mat%20ong%20bac%20ha',
  `q=${encodeURIComponent('gạo nếp')}&sort=price_asc`,
  'q=mien%20dong%20binh%20l',
  'q=gao%20st25&provinceCode=19',
  'q=nam%20huong',
  'q=tra&ocopStars=4',
  'q=thit%20trau%20gac%20bep&sort=price_desc',
  'categoryId=che&sort=newest',
  'q=cam%20sanh%20ham%20yen&minPrice=20000&maxPrice=80000',
  'q=huu%20co&page=2',
  `q=${encodeURIComponent('đặc biệt')}`,
  'q=sam%20ngoc%20linh',
  'provinceCode=04&sort=price_asc',
];

const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/**
 * `count` distinct search query strings built from the catalogue's own words (so most find something): whole and
 * half-typed words, with and without diacritics, alone or with filters (province, category, OCOP stars, price range,
 * sort, page). Distinct after folding too, so no two share a cached result. Deterministic (seeded).
 */
export function distinctSearchQueries(count = 2_500) {
  const random = rng(20_261_201);
  const choose = (list) => list[Math.floor(random() * list.length)];
  const categories = Object.keys(CATALOGUE);
  const seen = new Set();
  const out = [];
  for (let attempt = 0; out.length < count && attempt < count * 50; attempt++) {
    const categoryId = choose(categories);
    const { bases, places, price } = CATALOGUE[categoryId];
    const words = [choose(bases), ...(random() < 0.6 ? [choose(places)] : []), ...(random() < 0.3 ? [choose(QUALIFIERS)] : [])]
      .join(' ')
      .split(/\s+/)
      .filter(Boolean);
    // Often only the first few words, the last one half-typed, as people type in a search box.
    let typed = words.slice(0, 1 + Math.floor(random() * words.length));
    const last = typed[typed.length - 1];
    if (random() < 0.4 && last.length > 3) typed = [...typed.slice(0, -1), last.slice(0, 2 + Math.floor(random() * (last.length - 2)))];
    let q = typed.join(' ');
    if (random() < 0.5) q = fold(q);
    if (random() < 0.1) q = q.toUpperCase();
    const params = new URLSearchParams({ q });
    if (random() < 0.3) params.set('provinceCode', choose(HIGHLAND_PROVINCES));
    if (random() < 0.2) params.set('categoryId', categoryId);
    if (random() < 0.15) params.set('ocopStars', String(3 + Math.floor(random() * 3)));
    if (random() < 0.25) {
      const low = Math.round((price[0] + random() * (price[1] - price[0]) / 2) / 1000) * 1000;
      params.set('minPrice', String(low));
      params.set('maxPrice', String(low + Math.round((random() * price[1]) / 1000) * 1000));
    }
    if (random() < 0.3) params.set('sort', choose(['price_asc', 'price_desc', 'newest']));
    if (random() < 0.15) params.set('page', String(2 + Math.floor(random() * 3)));
    const key = [...params].map(([k, v]) => `${k}=${fold(v)}`).join('&');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(params.toString());
  }
  return out;
}

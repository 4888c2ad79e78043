/**
 * The demo province: Thái Nguyên (code 19, which absorbed Bắc Kạn in 2025), with real 2025 commune codes.
 * Phones are in the 090100xxxx range; every demo account shares one password, printed by `npm start`.
 */
export const DEMO_PROVINCE = '19';
export const DEMO_PASSWORD = 'NongSan@2026';

export interface DemoAccount {
  key: 'admin' | 'staff' | 'agent' | 'coop' | 'household' | 'buyer';
  role: 'admin' | 'province_staff' | 'agent' | 'seller' | 'buyer';
  phone: string;
  fullName: string;
  label: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: 'admin', role: 'admin', phone: '0901000001', fullName: 'Quản trị Nông Sàn Số', label: 'Quản trị nền tảng / Platform admin' },
  { key: 'staff', role: 'province_staff', phone: '0901000002', fullName: 'Lê Thu Hà (Sở NN&MT Thái Nguyên)', label: 'Cán bộ Sở / Province staff' },
  { key: 'agent', role: 'agent', phone: '0901000003', fullName: 'Trần Văn Minh (Tổ CNSCĐ Tân Cương)', label: 'Tổ công nghệ số / Agent' },
  { key: 'coop', role: 'seller', phone: '0901000004', fullName: 'Nguyễn Văn Thắng', label: 'HTX Chè Tân Cương (người bán / seller)' },
  { key: 'household', role: 'seller', phone: '0901000005', fullName: 'Hoàng Thị Hoa', label: 'Hộ Hoàng Thị Hoa (người bán / seller)' },
  { key: 'buyer', role: 'buyer', phone: '0901000009', fullName: 'Phạm Minh Anh', label: 'Người mua / Buyer' },
];

export interface DemoSeller {
  key: string;
  /** The demo account that owns it after handover; absent = still managed by the agent. */
  accountKey?: 'coop' | 'household';
  phone: string;
  type: 'household' | 'household_business' | 'cooperative' | 'cooperative_group' | 'enterprise';
  representativeName: string;
  displayName: string;
  citizenId: string;
  communeCode: string;
  addressText: string;
  verified: boolean;
}

export const DEMO_SELLERS: DemoSeller[] = [
  {
    key: 'coop', accountKey: 'coop', phone: '0901000004', type: 'cooperative', representativeName: 'Nguyễn Văn Thắng',
    displayName: 'HTX Chè Tân Cương', citizenId: '019082000104', communeCode: '05503', addressText: 'Xóm Hích, xã Tân Cương', verified: true,
  },
  {
    key: 'household', accountKey: 'household', phone: '0901000005', type: 'household', representativeName: 'Hoàng Thị Hoa',
    displayName: 'Hộ bà Hoàng Thị Hoa', citizenId: '019175000205', communeCode: '05611', addressText: 'Thôn Đồng Tâm, xã Phú Lương', verified: true,
  },
  {
    key: 'honey', phone: '0901000006', type: 'household_business', representativeName: 'Ma Văn Sình',
    displayName: 'Mật ong Ba Bể – Ma Văn Sình', citizenId: '006079000306', communeCode: '01906', addressText: 'Bản Pác Ngòi, xã Ba Bể', verified: true,
  },
  {
    key: 'vermicelli', phone: '0901000007', type: 'cooperative_group', representativeName: 'Hà Thị Lụa',
    displayName: 'Tổ hợp tác Miến dong Na Rì', citizenId: '006183000407', communeCode: '02155', addressText: 'Thôn Pò Đon, xã Na Rì', verified: false,
  },
  {
    key: 'rice', phone: '0901000008', type: 'household', representativeName: 'Đinh Văn Tiến',
    displayName: 'Hộ ông Đinh Văn Tiến', citizenId: '019070000508', communeCode: '05569', addressText: 'Thôn Tổ, xã Định Hóa', verified: true,
  },
];

export interface DemoProduct {
  sellerKey: string;
  name: string;
  description: string;
  categorySlug: string;
  unit: 'kg' | 'g' | 'package' | 'bottle' | 'box' | 'bag' | 'jar' | 'piece';
  netWeightGrams: number;
  priceVnd: number;
  stock: number;
  certifications: Array<'vietgap' | 'organic'>;
  ocop?: { productGroup: 'food' | 'beverages' | 'herbal'; stars: 3 | 4 | 5; decisionNumber: string; decisionDate: string };
  /** Colour of the generated demo photo. */
  colour: string;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    sellerKey: 'coop', name: 'Chè Thái Nguyên Tân Cương đặc biệt', categorySlug: 'che',
    description: 'Chè búp non hái một tôm hai lá, sao thủ công trên chảo gang. Nước xanh, hương cốm, vị chát dịu, hậu ngọt.',
    unit: 'package', netWeightGrams: 200, priceVnd: 180000, stock: 120, certifications: ['vietgap'],
    ocop: { productGroup: 'beverages', stars: 5, decisionNumber: '1234/QĐ-BNNMT', decisionDate: '2024-03-15' }, colour: '#2f6b2f',
  },
  {
    sellerKey: 'coop', name: 'Chè búp Tân Cương hộp quà', categorySlug: 'che',
    description: 'Hộp quà chè búp Tân Cương 500g, đóng gói hút chân không, thích hợp biếu tặng.',
    unit: 'box', netWeightGrams: 500, priceVnd: 450000, stock: 40, certifications: ['vietgap'],
    ocop: { productGroup: 'beverages', stars: 4, decisionNumber: '2871/QĐ-UBND', decisionDate: '2023-02-20' }, colour: '#497a2a',
  },
  {
    sellerKey: 'household', name: 'Chè xanh Phú Lương', categorySlug: 'che',
    description: 'Chè xanh sao sấy của hộ gia đình, trồng theo hướng hữu cơ trên đồi Phú Lương.',
    unit: 'kg', netWeightGrams: 1000, priceVnd: 320000, stock: 60, certifications: ['organic'],
    ocop: { productGroup: 'beverages', stars: 3, decisionNumber: '915/QĐ-UBND', decisionDate: '2023-12-28' }, colour: '#5d8c3a',
  },
  {
    sellerKey: 'honey', name: 'Mật ong rừng Ba Bể', categorySlug: 'mat-ong',
    description: 'Mật ong hoa rừng khai thác tự nhiên quanh hồ Ba Bể, đóng chai thủy tinh 500ml.',
    unit: 'bottle', netWeightGrams: 700, priceVnd: 350000, stock: 35, certifications: [],
    ocop: { productGroup: 'food', stars: 4, decisionNumber: '1560/QĐ-UBND', decisionDate: '2024-08-05' }, colour: '#c98b1b',
  },
  {
    sellerKey: 'vermicelli', name: 'Miến dong Na Rì', categorySlug: 'mien-bun',
    description: 'Miến làm từ 100% tinh bột dong riềng Na Rì, sợi dai, không chất tẩy trắng.',
    unit: 'package', netWeightGrams: 500, priceVnd: 65000, stock: 200, certifications: [], colour: '#b9a27a',
  },
  {
    sellerKey: 'rice', name: 'Gạo Bao Thai Định Hóa', categorySlug: 'gao',
    description: 'Gạo Bao Thai đặc sản ATK Định Hóa, hạt nhỏ, cơm dẻo vừa, thơm nhẹ.',
    unit: 'bag', netWeightGrams: 5000, priceVnd: 125000, stock: 300, certifications: ['vietgap'],
    ocop: { productGroup: 'food', stars: 4, decisionNumber: '3015/QĐ-UBND', decisionDate: '2022-12-30' }, colour: '#d8c9a0',
  },
  {
    sellerKey: 'rice', name: 'Đậu đỗ Định Hóa', categorySlug: 'dac-san-kho',
    description: 'Đậu đỏ, đậu đen trồng xen trên nương, phơi khô tự nhiên.',
    unit: 'kg', netWeightGrams: 1000, priceVnd: 60000, stock: 80, certifications: [], colour: '#7a2f2f',
  },
];

/** Who is looking at an order page: the same pages serve buyers, sellers (and their agents) and staff. */
export type OrderMode = 'buyer' | 'seller' | 'staff';

/** Where an order's detail lives for each mode. */
export const ORDER_DETAIL_BASE: Record<OrderMode, string> = {
  buyer: '/don-hang',
  seller: '/nguoi-ban/don-hang',
  staff: '/quan-ly/don-hang',
};

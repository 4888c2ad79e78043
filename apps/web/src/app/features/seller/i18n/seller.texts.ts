import type { Dictionary } from '@nss/web-data-access';
import { SELLER_EN } from './seller.en';
import { SELLER_VI } from './seller.vi';

/** The seller portal's dictionary, registered by `seller.routes.ts` (and by the agent routes that reuse pages). */
export const SELLER_TEXTS: Dictionary = { vi: SELLER_VI, en: SELLER_EN };

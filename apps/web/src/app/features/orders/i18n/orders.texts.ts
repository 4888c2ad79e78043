import type { Dictionary } from '@nss/web-data-access';
import { ORDERS_EN } from './orders.en';
import { ORDERS_VI } from './orders.vi';

/** The orders feature's dictionary, registered by its routes (and the payment routes that show order words). */
export const ORDERS_TEXTS: Dictionary = { vi: ORDERS_VI, en: ORDERS_EN };

import type { Dictionary } from '@nss/web-data-access';
import { LOTS_EN } from './lots.en';
import { LOTS_VI } from './lots.vi';

/** The lot and diary pages' dictionary, registered by their routes. */
export const LOTS_TEXTS: Dictionary = { vi: LOTS_VI, en: LOTS_EN };

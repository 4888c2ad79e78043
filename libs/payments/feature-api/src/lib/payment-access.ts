import { DataScope } from '@nss/server-core';

/**
 * The scope of payments' system work (a scope class, like SellerAccess): the gateway's and the bank feed's calls, the
 * expiry job and staff decisions act on a checkout whatever its province, after the caller was checked (signature,
 * API key, or a scoped read of the item decided on). The reason is logged with every platform query.
 */
export const PaymentAccess = {
  system(reason: string): DataScope {
    return DataScope.platform(reason);
  },
};

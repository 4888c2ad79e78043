import { Module } from '@nestjs/common';
import { OnboardingModule, SellerDirectory } from '@nss/onboarding-api';
import { CATALOG_SELLERS } from './catalog-sellers';

/** Binds the catalogue's view of sellers to the onboarding feature's `SellerDirectory`. */
@Module({
  imports: [OnboardingModule],
  providers: [{ provide: CATALOG_SELLERS, useExisting: SellerDirectory }],
  exports: [CATALOG_SELLERS],
})
export class CatalogSellersModule {}

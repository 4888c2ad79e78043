export { OnboardingModule } from './lib/onboarding.module';
export { SellerDirectory, type CatalogSeller } from './lib/sellers/seller-directory';
export { SellerRegistrationService } from './lib/sellers/seller-registration.service';
export { CitizenIdHashBackfill } from './lib/sellers/citizen-id-hash.backfill';
export { CitizenIdHasher } from './lib/sellers/citizen-id-hasher';
export { OnboardingEventsBackfillModule } from './lib/events-backfill/onboarding-events-backfill.module';
export { OnboardingEventsBackfillRepository } from './lib/events-backfill/onboarding-events-backfill.repository';

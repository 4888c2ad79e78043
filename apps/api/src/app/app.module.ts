import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AllExceptionsFilter, AppConfig, AuthCoreModule, InfrastructureModule, ZodValidationPipe } from '@nss/server-core';
import { AccountsModule } from '@nss/accounts-api';
import { HealthModule } from './health/health.module';
import { CATALOG_FAST_READ_LOGGED_ROUTES, CatalogModule } from '@nss/catalog-api';
import { AdminUnitsModule } from '@nss/admin-units-api';
import { OnboardingModule } from '@nss/onboarding-api';
import { NotificationsModule } from '@nss/notifications-api';
import { OrdersModule } from '@nss/orders-api';
import { PaymentsModule } from '@nss/payments-api';
import { TraceabilityModule } from '@nss/traceability-api';
import { ReportingModule } from '@nss/reporting-api';

/** The API: infrastructure first, then one module per domain feature. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Search and the product page log a sample of their answers themselves (CatalogReadRoutes).
        InfrastructureModule.forRoot(config, { role: 'api', ownAccessLog: CATALOG_FAST_READ_LOGGED_ROUTES }),
        AuthCoreModule,
        HealthModule,
        // Feature modules (one line each):
        CatalogModule,
        AccountsModule,
        AdminUnitsModule,
        OnboardingModule,
        NotificationsModule,
        OrdersModule,
        PaymentsModule,
        TraceabilityModule,
        ReportingModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}

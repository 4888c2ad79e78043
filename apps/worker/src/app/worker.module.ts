import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, InfrastructureModule } from '@nss/server-core';
import { CatalogWorkerModule } from '@nss/catalog-api';
import { AccountsWorkerModule } from '@nss/accounts-api';
import { NotificationsWorkerModule } from '@nss/notifications-api';
import { OrdersWorkerModule } from '@nss/orders-api';
import { PaymentsWorkerModule } from '@nss/payments-api';
import { TraceabilityWorkerModule } from '@nss/traceability-api';
import { ReportingWorkerModule } from '@nss/reporting-api';

/** The worker: the same infrastructure as the API, and the BullMQ consumers of each feature. No HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        InfrastructureModule.forRoot(config),
        // Consumer modules (one line each):
        CatalogWorkerModule,
        AccountsWorkerModule,
        NotificationsWorkerModule,
        OrdersWorkerModule,
        PaymentsWorkerModule,
        TraceabilityWorkerModule,
        ReportingWorkerModule,
      ],
    };
  }
}

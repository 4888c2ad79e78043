import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, InfrastructureModule } from '@nss/server-core';
import { CatalogWorkerModule } from '@nss/catalog-api';
import { AccountsWorkerModule } from '@nss/accounts-api';
import { NotificationsWorkerModule } from '@nss/notifications-api';

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
      ],
    };
  }
}

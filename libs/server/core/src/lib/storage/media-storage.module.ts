import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LocalDiskStorage } from './local-disk-storage';
import { MediaStorage } from './media-storage';

/** Provides `MediaStorage` (inject the abstract class) backed by the local disk at MEDIA_DIR. */
@Global()
@Module({
  providers: [{ provide: MediaStorage, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(config.MEDIA_DIR) }],
  exports: [MediaStorage],
})
export class MediaStorageModule {}

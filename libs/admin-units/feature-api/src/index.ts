export * from './lib/admin-units.module';
export * from './lib/admin-units.service';

export * from './lib/admin-units';

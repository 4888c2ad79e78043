export * from './lib/common';
export * from './lib/errors';
export * from './lib/roles';
export * from './lib/catalog';
export * from './lib/accounts';
export * from './lib/admin-units';
export * from './lib/onboarding';
export * from './lib/notifications';

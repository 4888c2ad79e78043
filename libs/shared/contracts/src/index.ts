export * from './lib/common';
export * from './lib/errors';
export * from './lib/roles';

export * from './lib/figures';
export * from './lib/periods';
export * from './lib/eras';
export * from './lib/format';
export * from './lib/funnel';

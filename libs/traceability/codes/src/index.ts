export * from './lib/serials';
export * from './lib/gtin';
export * from './lib/stamp-url';

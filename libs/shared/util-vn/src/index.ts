export * from './lib/text';
export * from './lib/money';
export * from './lib/time';
export * from './lib/phone';

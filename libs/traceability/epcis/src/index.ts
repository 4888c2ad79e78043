export * from './lib/lot-epcis';

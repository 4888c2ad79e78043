export * from './lib/ui-lang';
export * from './lib/price.component';
export * from './lib/ocop-stars.component';
export * from './lib/status-chip.component';
export * from './lib/error-box.component';
export * from './lib/field-error.component';
export * from './lib/lang-switch.component';
export * from './lib/page-header.component';

export * from './errors';
export * from './describe';
export * from './messages';
export * from './matrix';
export * from './numbers';
export * from './options';
export * from './periods';

export * from './templates';
export * from './task';
export * from './review';
export * from './connect';
export * from './hostApi';

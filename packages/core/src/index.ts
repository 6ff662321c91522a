export * from './errors';
export * from './text';
export * from './ltree';
export type * from './domain';
export type * from './ports';

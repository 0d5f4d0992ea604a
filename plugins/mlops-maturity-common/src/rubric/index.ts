export * from './types';
export * from './defaultRubric';
export * from './toolIds';

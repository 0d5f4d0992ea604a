export * from './types';
export * from './defaultRubric';

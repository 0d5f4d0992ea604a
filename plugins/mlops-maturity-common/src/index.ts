/**
 * Types, level names, annotation keys, the rubric, permissions and the HTTP API client shared by
 * the MLOps maturity plugins.
 *
 * @packageDocumentation
 */

export * from './levels';
export * from './annotations';
export * from './checkStatus';
export * from './rubric';
export * from './api';
export * from './MlopsMaturityClient';
export * from './permissions';

/**
 * Types, level names, annotation keys, the rubric and permissions shared by the MLOps maturity
 * plugins.
 *
 * @packageDocumentation
 */

export * from './levels';
export * from './annotations';
export * from './checkStatus';
export * from './rubric';
export * from './api';
export * from './permissions';

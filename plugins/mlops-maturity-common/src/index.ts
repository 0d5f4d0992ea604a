/**
 * Types, level names, annotation keys and permissions shared by the MLOps maturity plugins.
 *
 * @packageDocumentation
 */

export * from './levels';
export * from './annotations';
export * from './checks';
export * from './rubric';
export * from './api';
export * from './permissions';

/**
 * Extension points and services through which other backend packages work with the
 * MLOps maturity backend.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './MaturityLevelsClient';

/**
 * Extension points, the shared kit for evidence collectors (HTTP client with limits and a
 * circuit breaker, run cache, per-reference loop, tool instance config) and the levels client,
 * through which other backend packages work with the MLOps maturity backend.
 *
 * @packageDocumentation
 */

export * from './collectors';
export * from './MaturityLevelsClient';

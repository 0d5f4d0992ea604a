import type { CheckStatus } from './schema/openapi/generated';

// The result states and evidence links are part of the HTTP contract: their types are generated
// from the backend plugin's OpenAPI file, which describes each state.
export type { CheckStatus, EvidenceLink } from './schema/openapi/generated';

/**
 * Every check status.
 *
 * @public
 */
export const CHECK_STATUSES: readonly CheckStatus[] = [
  'pass',
  'fail',
  'not-declared',
  'declared',
  'unknown',
  'invalid',
  'waived',
];

/**
 * The result state of one rubric check (docs/evidence.md, "Result states").
 *
 * - `pass`: a tool answered and proved it.
 * - `fail`: a tool answered and the evidence is missing, negative or too old.
 * - `not-declared`: no annotation points at anything that could prove it.
 * - `declared`: an annotation claims it and no live collector verified it.
 * - `unknown`: the tool could not be asked; the last verified result is kept until its window ends.
 * - `invalid`: a malformed annotation or an unknown tool instance.
 *
 * @public
 */
export type CheckStatus =
  | 'pass'
  | 'fail'
  | 'not-declared'
  | 'declared'
  | 'unknown'
  | 'invalid';

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
];

/**
 * A link to the proof of a check, such as a model version page or a DAG run.
 *
 * @public
 */
export interface EvidenceLink {
  title: string;
  url: string;
}

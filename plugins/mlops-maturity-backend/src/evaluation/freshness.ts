import type { RubricCheck } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { RetrainCadence } from '@mlops-maturity/plugin-mlops-maturity-node';

/** How long a verified result is kept through outages when its check sets no window. */
export const DEFAULT_STALE_DAYS = 30;

/**
 * The freshness window of a check for one entity, in days: the rubric's fixed window, or for a
 * check whose window follows the retrain cadence, that many periods of the declared cadence.
 *
 * @internal
 */
export function freshnessWindowDays(
  check: Pick<RubricCheck, 'freshnessDays' | 'freshnessCadences'>,
  cadence: RetrainCadence | undefined,
): number | undefined {
  if (check.freshnessCadences && cadence?.kind === 'period') {
    return check.freshnessCadences * cadence.days;
  }
  return check.freshnessDays;
}

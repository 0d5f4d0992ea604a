import type { Entity } from '@backstage/catalog-model';
import {
  MaturityLevel,
  MLOPS_ANNOTATIONS as A,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { QUARTERLY_DAYS } from '../evidence/cadence';
import type { ParsedAnnotations } from '../evidence/parseAnnotations';

/** Tags that mark a service whose stale model is costly (the framework's examples). */
export const HIGH_STAKES_TAGS = [
  'fraud-detection',
  'pricing',
  'recommendations',
];

/** "Dozens of models in production": the owner size from which Level 4 pays off. */
export const LARGE_OWNER_SERVICES = 12;

/**
 * The level a service should aim for, and why (right-sizing, docs/annotations.md).
 *
 * @internal
 */
export function targetLevel(
  entity: Entity,
  parsed: Pick<ParsedAnnotations, 'targetLevel' | 'facts' | 'criticality'>,
  ownerServiceCount: number,
): { level: MaturityLevel; reason: string } {
  if (parsed.targetLevel !== undefined) {
    return {
      level: parsed.targetLevel,
      reason: `Set by the ${A.targetLevel} annotation`,
    };
  }
  const cadence = parsed.facts.retrainCadence;
  if (
    cadence?.kind === 'period' &&
    cadence.days >= QUARTERLY_DAYS &&
    ownerServiceCount <= 1
  ) {
    return {
      level: 2,
      reason: `Retrained ${cadence.label} by an owner with one ML service: Level 2 is plenty`,
    };
  }
  const tags = (entity.metadata.tags ?? []).map(t => String(t).toLowerCase());
  const stakes = HIGH_STAKES_TAGS.find(t => tags.includes(t));
  let highStakes: string | undefined;
  if (stakes) highStakes = `tagged ${stakes}`;
  else if (parsed.criticality === 'high') highStakes = 'criticality high';
  if (highStakes && ownerServiceCount >= LARGE_OWNER_SERVICES) {
    return {
      level: 4,
      reason: `High stakes (${highStakes}) and the owner runs ${ownerServiceCount} ML services`,
    };
  }
  return {
    level: 3,
    reason: highStakes
      ? `High stakes (${highStakes}), but the owner runs ${ownerServiceCount} ML service${
          ownerServiceCount === 1 ? '' : 's'
        }, fewer than ${LARGE_OWNER_SERVICES}: Level 3 is where most teams should aim`
      : 'Level 3 is where most ML teams should aim',
  };
}

import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { SeldonExperiment } from './seldonTypes';
import {
  condition,
  conditionReason,
  missingEvidence,
  RolloutFacts,
  rolloutEvidence,
  subject,
} from './rolloutFacts';

const KIND = 'Experiment';

/** The conditions that make `Ready` (operator/apis/mlops/v1alpha1/experiment_types.go). */
const PARTS = ['ExperimentReady', 'CandidatesReady', 'MirrorReady'];

/**
 * `ab-testing` evidence from a Seldon Core 2 Experiment: it passes when two or more distinct
 * candidates have a weight above 0 (each gets weight / sum of weights of the traffic) and the
 * experiment is Ready (active in the scheduler, candidates and mirror ready). A mirror gets a
 * copy of the traffic whose answers are dropped, so it is no share of traffic.
 *
 * @internal
 */
export function seldonEvidence(
  facts: RolloutFacts<SeldonExperiment>,
): CollectedEvidence {
  const experiment = facts.object;
  if (!experiment) return missingEvidence(KIND, facts);
  const what = subject(KIND, facts);
  const weights = new Map<string, number>();
  for (const c of experiment.spec?.candidates ?? []) {
    if (c.name && Number(c.weight) > 0) {
      weights.set(c.name, (weights.get(c.name) ?? 0) + Number(c.weight));
    }
  }
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const candidates = [...weights].map(([name, weight]) => ({
    name,
    weight,
    percent: Math.round((weight / total) * 1000) / 10,
  }));
  const mirror = experiment.spec?.mirror?.name ?? null;
  const details = {
    candidates,
    default: experiment.spec?.default ?? null,
    mirror,
    resourceType: experiment.spec?.resourceType ?? 'model',
  };
  if (candidates.length < 2) {
    const has = candidates[0]
      ? `only ${candidates[0].name} has a weight`
      : 'no candidate has a weight';
    const mirrored = mirror
      ? `; the mirror ${mirror} gets a copy of the traffic, whose answers are dropped`
      : '';
    return rolloutEvidence(
      facts,
      'fail',
      `${what} does not split traffic: ${has}${mirrored}. Give two or more candidates a weight`,
      details,
    );
  }
  const conditions = experiment.status?.conditions;
  const ready = condition(conditions, 'Ready');
  const split = candidates.map(c => `${c.percent}% to ${c.name}`).join(', ');
  if (ready?.status !== 'True') {
    const cause = PARTS.map(type => condition(conditions, type)).find(
      c => c && c.status !== 'True',
    );
    return rolloutEvidence(
      facts,
      'fail',
      `${what} would split traffic (${split}) but is not Ready: ${conditionReason(
        cause ?? ready,
      )}`,
      details,
    );
  }
  return rolloutEvidence(
    facts,
    'pass',
    `${what} splits traffic: ${split}`,
    details,
  );
}

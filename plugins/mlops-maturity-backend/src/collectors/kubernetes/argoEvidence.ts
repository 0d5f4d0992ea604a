import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { ArgoRollout } from './argoTypes';
import {
  missingEvidence,
  RolloutFacts,
  rolloutEvidence,
  subject,
} from './rolloutFacts';

const KIND = 'Rollout';

/**
 * Why the controller calls the rollout Degraded, if it does: `status.phase` from controllers
 * 1.0 and later, else the conditions older controllers leave (argo-rollouts
 * utils/rollout/rolloututil.go CalculateRolloutPhase). An aborted canary counts as Degraded
 * there; it is told apart here, because it shows the canary doing its job.
 */
function degradation(
  rollout: ArgoRollout,
): { aborted: boolean; message: string } | undefined {
  const status = rollout.status ?? {};
  // Some recorded rollouts hold `conditions: {}`.
  const conditions = Array.isArray(status.conditions) ? status.conditions : [];
  const invalid = conditions.find(
    c => c.type === 'InvalidSpec' && c.status === 'True',
  );
  if (invalid) {
    return { aborted: false, message: `InvalidSpec: ${invalid.message ?? ''}` };
  }
  const stopped = conditions.find(
    c =>
      c.reason === 'RolloutAborted' || c.reason === 'ProgressDeadlineExceeded',
  );
  const aborted =
    status.abort === true ||
    stopped?.reason === 'RolloutAborted' ||
    (status.message ?? '').startsWith('RolloutAborted');
  if (status.phase === 'Degraded') {
    return { aborted, message: status.message ?? 'Degraded' };
  }
  if (status.phase === undefined && stopped) {
    return { aborted, message: `${stopped.reason}: ${stopped.message ?? ''}` };
  }
  return undefined;
}

/**
 * `ab-testing` evidence from an Argo Rollouts Rollout: it passes when its strategy is a
 * canary with at least one `setWeight` step between 1 and 99 (each new version first gets
 * that share of traffic), the controller has reconciled it (it has a status), and it is not
 * Degraded, unless only because its last canary was aborted and rolled back, which is the
 * canary at work.
 * Blue-green fails: the preview service gets no production traffic and promotion moves all
 * traffic at once, so no share of traffic ever sees the new model.
 *
 * @internal
 */
export function argoEvidence(
  facts: RolloutFacts<ArgoRollout>,
): CollectedEvidence {
  const rollout = facts.object;
  if (!rollout) return missingEvidence(KIND, facts);
  const what = subject(KIND, facts);
  const strategy = rollout.spec?.strategy ?? {};
  if (strategy.blueGreen) {
    return rolloutEvidence(
      facts,
      'fail',
      `${what} uses blue-green, which moves all traffic to a new version at once; use a canary strategy with setWeight steps to give it a share of traffic first`,
      { strategy: 'blueGreen' },
    );
  }
  const canary = strategy.canary;
  if (!canary) {
    return rolloutEvidence(
      facts,
      'fail',
      `${what} has no canary strategy; add spec.strategy.canary with setWeight steps`,
      { strategy: null },
    );
  }
  const steps = canary.steps ?? [];
  const weights = steps
    .map(s => Number(s.setWeight))
    .filter(w => w > 0 && w < 100);
  const routing = Object.keys(canary.trafficRouting ?? {})[0] ?? null;
  const details = {
    strategy: 'canary',
    setWeights: weights,
    steps: steps.length,
    trafficRouting: routing,
    phase: rollout.status?.phase ?? null,
  };
  if (weights.length === 0) {
    return rolloutEvidence(
      facts,
      'fail',
      `${what} has a canary strategy without a setWeight step between 1 and 99, so a new version goes to all traffic at once`,
      details,
    );
  }
  if (!rollout.status || rollout.status.observedGeneration === undefined) {
    return rolloutEvidence(
      facts,
      'fail',
      `${what} has not been reconciled by an Argo Rollouts controller (it has no status)`,
      details,
    );
  }
  const degraded = degradation(rollout);
  if (degraded && !degraded.aborted) {
    return rolloutEvidence(
      facts,
      'fail',
      `${what} is Degraded (${degraded.message.trim()}); fix it so that new versions can roll out`,
      details,
    );
  }
  const via = routing ? `, routed by ${routing}` : ', by replica count';
  const rollbackNote = degraded
    ? `; its last canary was rolled back (${degraded.message.trim()})`
    : '';
  return rolloutEvidence(
    facts,
    'pass',
    `${what} rolls new versions out in canary steps of ${weights
      .map(w => `${w}%`)
      .join(', ')}${via}${rollbackNote}`,
    { ...details, rolledBack: Boolean(degraded) },
  );
}

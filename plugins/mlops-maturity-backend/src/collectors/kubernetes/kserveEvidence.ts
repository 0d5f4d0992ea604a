import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { InferenceService } from './kserveTypes';
import {
  condition,
  conditionReason,
  missingEvidence,
  RolloutFacts,
  rolloutEvidence,
  subject,
} from './rolloutFacts';

const KIND = 'InferenceService';

/** One share of the predictor's traffic: a Knative revision or a Standard-mode deployment. */
interface Share {
  target: string;
  percent: number;
}

/**
 * The predictor's traffic as the status reports it, in either deployment mode:
 * Serverless (Knative) routes by revision in `status.components.predictor.traffic`;
 * Standard (RawDeployment) sends each ready canary of `spec.canary` its `trafficPercent`
 * (`status.canaryStatuses`) and the stable predictor the rest.
 */
function trafficShares(isvc: InferenceService): {
  mode: 'Serverless' | 'Standard';
  shares: Share[];
} {
  const traffic = isvc.status?.components?.predictor?.traffic ?? [];
  const canaries = isvc.status?.canaryStatuses ?? [];
  if (traffic.length > 0 || canaries.length === 0) {
    const byRevision = new Map<string, number>();
    for (const t of traffic) {
      if (!t.revisionName || !(Number(t.percent) > 0)) continue;
      byRevision.set(
        t.revisionName,
        (byRevision.get(t.revisionName) ?? 0) + Number(t.percent),
      );
    }
    return {
      mode: 'Serverless',
      shares: [...byRevision].map(([target, percent]) => ({ target, percent })),
    };
  }
  // Only ready canaries get traffic (kserve httproute_reconciler.go applyCanaryWeights).
  const ready = canaries.filter(
    c => c.ready === true && Number(c.trafficPercent) > 0,
  );
  const stable =
    100 - ready.reduce((sum, c) => sum + Number(c.trafficPercent), 0);
  return {
    mode: 'Standard',
    shares: [
      ...(stable > 0 ? [{ target: 'stable predictor', percent: stable }] : []),
      ...ready.map(c => ({
        target: `canary ${c.name}`,
        percent: Number(c.trafficPercent),
      })),
    ],
  };
}

/** Why the predictor's traffic is not split, from what the spec asks for. */
function notSplitReason(isvc: InferenceService, shares: Share[]): string {
  const only = shares[0]
    ? `all traffic goes to ${shares[0].target}`
    : 'its status shows no traffic target yet';
  const percent = isvc.spec?.predictor?.canaryTrafficPercent;
  const canaries = isvc.spec?.canary ?? [];
  if (percent === 0) {
    return `canaryTrafficPercent is 0, which pins the previous revision: ${only}`;
  }
  if (percent !== undefined && percent > 0 && percent < 100) {
    return `canaryTrafficPercent is ${percent}, but ${only}: the canary revision is not rolled out or not ready yet`;
  }
  if (canaries.length > 0) {
    const names = canaries.map(c => c.predictor?.name ?? '?').join(', ');
    return `spec.canary names ${names}, but ${only}: no canary is ready with a traffic share`;
  }
  return `${only}; set spec.predictor.canaryTrafficPercent (Serverless mode) or spec.canary (Standard mode) to roll new models out to a share of traffic`;
}

/**
 * `ab-testing` evidence from a KServe InferenceService: it passes when its status shows the
 * predictor's traffic split between two or more revisions (or canary deployments), each with
 * a share above 0%, and the InferenceService is Ready. The spec alone is not proof: a canary
 * percent whose revision never became ready leaves all traffic on the previous one.
 *
 * @internal
 */
export function kserveEvidence(
  facts: RolloutFacts<InferenceService>,
): CollectedEvidence {
  const isvc = facts.object;
  if (!isvc) return missingEvidence(KIND, facts);
  const what = subject(KIND, facts);
  const { mode, shares } = trafficShares(isvc);
  const details = {
    mode,
    canaryTrafficPercent: isvc.spec?.predictor?.canaryTrafficPercent ?? null,
    traffic: shares.map(s => ({ target: s.target, percent: s.percent })),
  };
  if (shares.length < 2) {
    return rolloutEvidence(
      facts,
      'fail',
      `${what} does not split traffic: ${notSplitReason(isvc, shares)}`,
      details,
    );
  }
  const ready = condition(isvc.status?.conditions, 'Ready');
  const split = shares.map(s => `${s.percent}% to ${s.target}`).join(', ');
  if (ready?.status !== 'True') {
    return rolloutEvidence(
      facts,
      'fail',
      `${what} splits traffic (${split}) but is not Ready: ${conditionReason(
        ready,
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

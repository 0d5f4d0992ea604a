import type { EvidenceLink } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { JsonObject } from '@backstage/types';
import type { KubeCondition, KubeObject } from './kubernetesTypes';

/** The rubric check every rollout collector speaks to. */
export const AB_TESTING = 'ab-testing';

/**
 * What a rollout collector knows about one annotated object: where it was looked for and what
 * the cluster holds under that name (nothing when it does not exist).
 *
 * @internal
 */
export interface RolloutFacts<T extends KubeObject> {
  /** The Kubernetes cluster's name in Backstage's `kubernetes` config. */
  cluster: string;
  namespace: string;
  name: string;
  object?: T;
  /** The object in the cluster's dashboard, when one is configured. */
  links: EvidenceLink[];
}

/** The condition of a type, if the object reports it. */
export function condition(
  conditions: KubeCondition[] | undefined,
  type: string,
): KubeCondition | undefined {
  return Array.isArray(conditions)
    ? conditions.find(c => c.type === type)
    : undefined;
}

/** Why a condition is not `True`, in its own words. */
export function conditionReason(c: KubeCondition | undefined): string {
  if (!c) return 'it reports no such condition yet';
  const why = [c.reason, c.message].filter(Boolean).join(': ');
  return `${c.type} is ${c.status ?? 'Unknown'}${why ? ` (${why})` : ''}`;
}

/**
 * The `ab-testing` evidence of one object. No `observedAt`: the API server answers with the
 * object as it is now, so a pass is as fresh as the read and ages from the engine's
 * verification time only while the cluster cannot be asked.
 */
export function rolloutEvidence<T extends KubeObject>(
  facts: RolloutFacts<T>,
  status: 'pass' | 'fail',
  message: string,
  details?: JsonObject,
): CollectedEvidence {
  return {
    checkId: AB_TESTING,
    status,
    message,
    links: facts.links,
    details: details && {
      cluster: facts.cluster,
      namespace: facts.namespace,
      name: facts.name,
      ...details,
    },
  };
}

/** `Kind ns/name in Kubernetes cluster "c"`, the subject of every message. */
export function subject(kind: string, facts: RolloutFacts<KubeObject>) {
  return `${kind} ${facts.namespace}/${facts.name} in Kubernetes cluster "${facts.cluster}"`;
}

/** The evidence for an annotation naming an object the cluster does not hold. */
export function missingEvidence(
  kind: string,
  facts: RolloutFacts<KubeObject>,
): CollectedEvidence {
  return {
    checkId: AB_TESTING,
    status: 'fail',
    message: `${subject(kind, facts)} does not exist`,
  };
}

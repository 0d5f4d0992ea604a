import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ArgoRollout } from '../argoTypes';
import type { InferenceService } from '../kserveTypes';
import type { SeldonExperiment } from '../seldonTypes';

// The recorded objects of the rollout collectors' tests and the scenario objects derived from
// them. __fixtures__/README.md names each file's source and every change made here.

const FIXTURES = path.resolve(__dirname, '../__fixtures__');

function load<T>(file: string): T {
  const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  return (file.endsWith('.json') ? JSON.parse(text) : parse(text)) as T;
}

/** A deep copy with a change, for a scenario (each listed in the README). */
export function edit<T>(object: T, change: (copy: T) => void): T {
  const copy = structuredClone(object);
  change(copy);
  return copy;
}

const flowerSample = load<InferenceService>(
  'kserve/kfserving-sdk-sample.flower-sample.patched.json',
);

/** The files as stored. */
export const rec = {
  /** KServe: canaryTrafficPercent 20 in the spec, all traffic still on one revision. */
  flowerSample,
  /** KServe: the predictor status of my-model with 10% on the canary revision. */
  myModelPredictor: load<object>(
    'kserve/rollout-README.my-model.predictor-status.json',
  ),
  myModelManifest: load<InferenceService>(
    'kserve/rollout-README.my-model.tag-routing.yaml.txt',
  ),
  /** KServe Standard mode: canary v2 at 20%, ready. */
  standardCanary: load<InferenceService>(
    'kserve/standard-mode.isvc-canary-create.composed.json',
  ),
  /** Argo: canary with setWeight 20 and 40, all steps done, healthy. */
  guestbookCanary: load<ArgoRollout>(
    'argo/argo-cd.canary.healthy_executedAllSteps.yaml.txt',
  ),
  /** Argo: canary strategy without steps. */
  guestbookNoSteps: load<ArgoRollout>(
    'argo/argo-cd.canary.healthy_noSteps.yaml.txt',
  ),
  /** Argo: canary with setWeight 50, phase Degraded (InvalidSpec). */
  degradedPhase: load<ArgoRollout>(
    'argo/argo-cd.degraded_statusPhaseMessage.yaml.txt',
  ),
  /** Argo: canary with setWeight 50 that no controller has reconciled. */
  withoutStatus: load<ArgoRollout>(
    'argo/argo-cd.newRolloutWithoutStatus.yaml.txt',
  ),
  /** Argo: canary steps, ReplicaSet timed out progressing (Degraded). */
  timedOut: load<ArgoRollout>('argo/argo-rollouts.canary-rollout.yaml.txt'),
  /** Argo: canary at 10% aborted by background analysis. */
  aborted: load<ArgoRollout>('argo/argo-rollouts.rollout-aborted.yaml.txt'),
  /** Argo: blue-green with a preview service. */
  blueGreen: load<ArgoRollout>('argo/argo-rollouts.bluegreen-rollout.yaml.txt'),
  /** Seldon: iris and iris2 at weight 50 each. */
  abExperiment: load<SeldonExperiment>('seldon/ab-default-model.yaml.txt'),
  /** Seldon: iris at weight 100, iris2 mirrored. */
  mirrorExperiment: load<SeldonExperiment>('seldon/sklearn-mirror.yaml.txt'),
  experimentStatus: load<SeldonExperiment['status']>(
    'seldon/experiment-status.composed.json',
  ),
};

/**
 * KServe's my-model as its rollout README shows it: the tag-routing manifest, in namespace
 * `default` (its URLs), with the recorded predictor status and the recorded conditions of
 * flower-sample (all True).
 */
export const myModel: InferenceService = edit(rec.myModelManifest, isvc => {
  isvc.metadata = { ...isvc.metadata, namespace: 'default', generation: 3 };
  isvc.status = {
    components: { predictor: rec.myModelPredictor },
    conditions: flowerSample.status?.conditions,
  };
});

/** Seldon's ab-default-model in namespace seldon-mesh, with the composed Ready status. */
export const abExperiment: SeldonExperiment = edit(rec.abExperiment, e => {
  e.metadata = { ...e.metadata, namespace: 'seldon-mesh' };
  e.status = rec.experimentStatus;
});

/** Seldon's sklearn-mirror in namespace seldon-mesh, with the composed Ready status. */
export const mirrorExperiment: SeldonExperiment = edit(
  rec.mirrorExperiment,
  e => {
    e.metadata = { ...e.metadata, namespace: 'seldon-mesh' };
    e.status = rec.experimentStatus;
  },
);

/** Every object one replayed cluster holds, each at a distinct namespace/name. */
export const clusterObjects = () => [
  myModel,
  rec.flowerSample,
  rec.standardCanary,
  rec.guestbookCanary,
  rec.timedOut,
  rec.blueGreen,
  rec.aborted,
  rec.withoutStatus,
  abExperiment,
  mirrorExperiment,
];

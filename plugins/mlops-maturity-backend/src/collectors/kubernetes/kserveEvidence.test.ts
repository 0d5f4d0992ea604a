import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import { edit, myModel, rec } from './__testUtils__/kubeFixtures';
import { kserveEvidence } from './kserveEvidence';
import type { InferenceService } from './kserveTypes';

const facts = (object?: InferenceService) => ({
  cluster: 'prod',
  namespace: object?.metadata?.namespace ?? 'models',
  name: object?.metadata?.name ?? 'churn',
  object,
  links: [],
});

const notReady = edit(myModel, isvc => {
  const ready = isvc.status!.conditions!.find(c => c.type === 'Ready')!;
  ready.status = 'False';
  ready.reason = 'RevisionFailed';
  ready.message = 'Revision "my-model-predictor-default-00003" failed';
});

// Each row breaks one pass rule of a passing object; were the rule missing, the row would pass.
const rows: Array<[string, InferenceService | undefined, RegExp]> = [
  [
    'the InferenceService does not exist',
    undefined,
    /^InferenceService models\/churn in Kubernetes cluster "prod" does not exist$/,
  ],
  [
    'the canary percent is set but all traffic is on one revision (recorded right after the patch)',
    rec.flowerSample,
    /canaryTrafficPercent is 20, but all traffic goes to flower-sample-predictor-default-fg4d6: the canary revision is not rolled out or not ready yet/,
  ],
  [
    'no canary is configured',
    edit(rec.flowerSample, isvc => {
      delete isvc.spec!.predictor!.canaryTrafficPercent;
    }),
    /all traffic goes to flower-sample-predictor-default-fg4d6; set spec.predictor.canaryTrafficPercent/,
  ],
  [
    'the canary revision gets 0% (pinned to the previous revision)',
    edit(myModel, isvc => {
      isvc.spec!.predictor!.canaryTrafficPercent = 0;
      isvc.status!.components!.predictor!.traffic![0].percent = 0;
      isvc.status!.components!.predictor!.traffic![1].percent = 100;
    }),
    /canaryTrafficPercent is 0, which pins the previous revision: all traffic goes to my-model-predictor-default-00001/,
  ],
  [
    'both traffic targets are the same revision (two tags, one revision)',
    edit(myModel, isvc => {
      const [latest, prev] = isvc.status!.components!.predictor!.traffic!;
      prev.revisionName = latest.revisionName;
    }),
    /does not split traffic: canaryTrafficPercent is 10, but all traffic goes to my-model-predictor-default-00003/,
  ],
  [
    'the split is there but the InferenceService is not Ready',
    notReady,
    /splits traffic \(10% to my-model-predictor-default-00003, 90% to my-model-predictor-default-00001\) but is not Ready: Ready is False \(RevisionFailed: Revision "my-model-predictor-default-00003" failed\)/,
  ],
  [
    'a Standard-mode canary that is not ready gets no traffic',
    edit(rec.standardCanary, isvc => {
      isvc.status!.canaryStatuses![0].ready = false;
    }),
    /spec.canary names v2, but all traffic goes to stable predictor: no canary is ready/,
  ],
  [
    'a Standard-mode canary at 0% (dark launch)',
    edit(rec.standardCanary, isvc => {
      isvc.status!.canaryStatuses![0].trafficPercent = 0;
    }),
    /no canary is ready with a traffic share/,
  ],
];

describe('kserveEvidence', () => {
  it.each(rows)('fails when %s', (_name, object, message) => {
    const evidence = kserveEvidence(facts(object));
    expect(evidence).toMatchObject({ checkId: 'ab-testing', status: 'fail' });
    expect(evidence.message).toMatch(message);
  });

  it.each<[string, InferenceService, string, object]>([
    [
      'a Serverless canary revision takes its share (recorded status)',
      myModel,
      'InferenceService default/my-model in Kubernetes cluster "prod" splits traffic: 10% to my-model-predictor-default-00003, 90% to my-model-predictor-default-00001',
      { mode: 'Serverless', canaryTrafficPercent: 10 },
    ],
    [
      'a ready Standard-mode canary takes its share',
      rec.standardCanary,
      'InferenceService kserve-ci-e2e-test/isvc-canary-create in Kubernetes cluster "prod" splits traffic: 80% to stable predictor, 20% to canary v2',
      { mode: 'Standard', canaryTrafficPercent: null },
    ],
  ])('passes when %s', (_name, object, message, details) => {
    const evidence: CollectedEvidence = kserveEvidence(facts(object));
    expect(evidence).toMatchObject({
      checkId: 'ab-testing',
      status: 'pass',
      message,
      details: { cluster: 'prod', ...details },
    });
    expect(evidence.observedAt).toBeUndefined();
  });
});

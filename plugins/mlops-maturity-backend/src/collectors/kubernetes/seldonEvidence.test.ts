import { seldonEvidence } from './seldonEvidence';
import type { SeldonExperiment } from './seldonTypes';
import {
  abExperiment,
  edit,
  mirrorExperiment,
} from './__testUtils__/kubeFixtures';

const facts = (object?: SeldonExperiment) => ({
  cluster: 'prod',
  namespace: object?.metadata?.namespace ?? 'seldon-mesh',
  name: object?.metadata?.name ?? 'churn-ab',
  object,
  links: [],
});

// Each row breaks one pass rule; were the rule missing, the row would pass.
const rows: Array<[string, SeldonExperiment | undefined, RegExp]> = [
  [
    'the Experiment does not exist',
    undefined,
    /^Experiment seldon-mesh\/churn-ab in Kubernetes cluster "prod" does not exist$/,
  ],
  [
    'one candidate takes all traffic and the other is only mirrored',
    mirrorExperiment,
    /sklearn-mirror .* does not split traffic: only iris has a weight; the mirror iris2 gets a copy of the traffic, whose answers are dropped/,
  ],
  [
    'the second candidate has weight 0',
    edit(abExperiment, e => {
      e.spec!.candidates![1].weight = 0;
    }),
    /does not split traffic: only iris has a weight\. Give two or more candidates a weight/,
  ],
  [
    'both candidates are the same model',
    edit(abExperiment, e => {
      e.spec!.candidates![1].name = 'iris';
    }),
    /does not split traffic: only iris has a weight/,
  ],
  [
    'the scheduler has not activated it',
    edit(abExperiment, e => {
      for (const c of e.status!.conditions!) {
        if (c.type === 'ExperimentReady' || c.type === 'Ready') {
          c.status = 'False';
          c.reason = 'model iris2 not available';
        }
      }
    }),
    /would split traffic \(50% to iris, 50% to iris2\) but is not Ready: ExperimentReady is False \(model iris2 not available\)/,
  ],
  [
    'it has no status yet',
    edit(abExperiment, e => {
      delete e.status;
    }),
    /but is not Ready: it reports no such condition yet/,
  ],
];

describe('seldonEvidence', () => {
  it.each(rows)('fails when %s', (_name, object, message) => {
    const evidence = seldonEvidence(facts(object));
    expect(evidence).toMatchObject({ checkId: 'ab-testing', status: 'fail' });
    expect(evidence.message).toMatch(message);
  });

  it('passes for two weighted candidates of a Ready experiment', () => {
    expect(seldonEvidence(facts(abExperiment))).toMatchObject({
      status: 'pass',
      message:
        'Experiment seldon-mesh/experiment-sample in Kubernetes cluster "prod" splits traffic: 50% to iris, 50% to iris2',
      details: {
        candidates: [
          { name: 'iris', weight: 50, percent: 50 },
          { name: 'iris2', weight: 50, percent: 50 },
        ],
        default: 'iris',
        mirror: null,
      },
    });
  });
});

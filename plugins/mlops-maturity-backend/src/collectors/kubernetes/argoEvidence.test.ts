import { argoEvidence } from './argoEvidence';
import type { ArgoRollout } from './argoTypes';
import { edit, rec } from './__testUtils__/kubeFixtures';

const facts = (object?: ArgoRollout) => ({
  cluster: 'prod',
  namespace: object?.metadata?.namespace ?? 'fraud',
  name: object?.metadata?.name ?? 'account-takeover',
  object,
  links: [],
});

// Each row breaks one pass rule; were the rule missing, the row would pass.
const rows: Array<[string, ArgoRollout | undefined, RegExp]> = [
  [
    'the Rollout does not exist',
    undefined,
    /^Rollout fraud\/account-takeover in Kubernetes cluster "prod" does not exist$/,
  ],
  [
    'it is blue-green (recorded)',
    rec.blueGreen,
    /jesse-test\/bluegreen-demo .* uses blue-green, which moves all traffic to a new version at once/,
  ],
  [
    'it has no canary strategy',
    edit(rec.guestbookCanary, r => {
      r.spec!.strategy = {};
    }),
    /has no canary strategy/,
  ],
  [
    'its canary has no steps (recorded)',
    rec.guestbookNoSteps,
    /default\/guestbook-canary .* has a canary strategy without a setWeight step between 1 and 99/,
  ],
  [
    'its only setWeight step is 100%',
    edit(rec.guestbookCanary, r => {
      r.spec!.strategy!.canary!.steps = [{ setWeight: 100 }, { pause: {} }];
    }),
    /without a setWeight step between 1 and 99/,
  ],
  [
    'no controller has reconciled it (recorded)',
    rec.withoutStatus,
    /argocd-e2e\/basic .* has not been reconciled by an Argo Rollouts controller/,
  ],
  [
    'the controller says Degraded (recorded status.phase)',
    rec.degradedPhase,
    /argocd-e2e\/basic .* is Degraded \(InvalidSpec\)/,
  ],
  [
    'its new ReplicaSet timed out progressing (recorded, pre-1.0 conditions)',
    rec.timedOut,
    /jesse-test\/canary-demo .* is Degraded \(ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.\)/,
  ],
];

describe('argoEvidence', () => {
  it.each(rows)('fails when %s', (_name, object, message) => {
    const evidence = argoEvidence(facts(object));
    expect(evidence).toMatchObject({ checkId: 'ab-testing', status: 'fail' });
    expect(evidence.message).toMatch(message);
  });

  it('passes for a healthy canary with setWeight steps (recorded)', () => {
    expect(argoEvidence(facts(rec.guestbookCanary))).toMatchObject({
      status: 'pass',
      message:
        'Rollout default/guestbook-canary in Kubernetes cluster "prod" rolls new versions out in canary steps of 20%, 40%, by replica count',
      details: {
        setWeights: [20, 40],
        trafficRouting: null,
        rolledBack: false,
      },
    });
  });

  it('names the traffic router when one splits the traffic', () => {
    const routed = edit(rec.guestbookCanary, r => {
      r.spec!.strategy!.canary!.trafficRouting = {
        istio: { virtualService: { name: 'guestbook' } },
      };
    });
    expect(argoEvidence(facts(routed)).message).toMatch(
      /canary steps of 20%, 40%, routed by istio$/,
    );
  });

  it('passes for a canary that analysis aborted: the share of traffic did its job (recorded)', () => {
    expect(argoEvidence(facts(rec.aborted))).toMatchObject({
      status: 'pass',
      message:
        'Rollout default/rollout-background-analysis in Kubernetes cluster "prod" rolls new versions out in canary steps of 10%, by replica count; its last canary was rolled back (RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0))',
      details: { rolledBack: true },
    });
  });
});

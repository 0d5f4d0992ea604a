import { FaultProxy } from '../../__testUtils__/FaultProxy';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { KubeReplay } from './__testUtils__/KubeReplay';
import { clusterObjects } from './__testUtils__/kubeFixtures';
import {
  collectorsFor,
  evidenceOf,
  KEYS,
  rolloutService,
  TOKEN,
} from './__testUtils__/kubeTestSetup';
import { ROLLOUT_KINDS } from './KubernetesRolloutCollector';

jest.setTimeout(60_000);

// The faults every collector meets (stopped, slower than the timeout, 500, malformed JSON,
// rejected credentials), injected by a proxy in front of the replayed API server. The three
// rollout kinds ask through one client per cluster, so the suite runs for one of them and a
// last test shows an outage reaching all three at the cost of one timeout.
describe('the Kubernetes rollout collectors behind faults', () => {
  const replay = new KubeReplay({
    token: TOKEN,
    resources: ROLLOUT_KINDS.map(k => k.resource),
    objects: clusterObjects(),
  });
  beforeAll(() => replay.start());
  afterAll(() => replay.stop());

  describeToolFaults({
    tool: 'the Kubernetes API server',
    get targetUrl() {
      return replay.url;
    },
    collectorFor: (baseUrl, timeoutMs) =>
      collectorsFor([{ name: 'prod', url: baseUrl }], { timeoutMs }).find(
        c => c.id === 'kserve',
      )!,
    config: {},
    entity: rolloutService('churn', { [KEYS.kserve]: 'default/my-model' }),
    scenarios: [
      rolloutService('churn', { [KEYS.kserve]: 'default/my-model' }),
      rolloutService('negative', {
        [KEYS.kserve]: 'kfserving-test/flower-sample',
      }),
      rolloutService('missing', { [KEYS.kserve]: 'nowhere/nothing' }),
    ],
    checkId: 'ab-testing',
  });

  it('costs one timeout per run for a cluster that does not answer, whichever kinds ask', async () => {
    const proxy = await new FaultProxy(replay.url).start();
    try {
      proxy.fault = 'slow';
      const collectors = collectorsFor([{ name: 'prod', url: proxy.url }], {
        timeoutMs: 1000,
      });
      const started = Date.now();
      const answers = await Promise.all([
        evidenceOf(collectors, KEYS.kserve, 'default/my-model'),
        evidenceOf(collectors, KEYS.argo, 'default/guestbook-canary'),
        evidenceOf(collectors, KEYS.seldon, 'seldon-mesh/experiment-sample'),
      ]);
      expect(Date.now() - started).toBeLessThan(2500);
      for (const [evidence] of answers) {
        expect(evidence.status).toBe('unknown');
        expect(evidence.message).toMatch(
          /^Kubernetes cluster "prod" (could not be asked: no answer within 1 s|is not being asked again yet)/,
        );
      }
    } finally {
      await proxy.stop();
    }
  });
});

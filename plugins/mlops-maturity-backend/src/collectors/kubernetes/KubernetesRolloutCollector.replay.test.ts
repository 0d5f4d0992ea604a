import type { KubeReplay } from './__testUtils__/KubeReplay';
import {
  assessRollouts,
  collectorsFor,
  KEYS,
  replay,
  rolloutService,
  TOKEN,
} from './__testUtils__/kubeTestSetup';

// What the rollout collectors prove from a Kubernetes API server that replays objects recorded
// from real clusters and the projects' own test data; __fixtures__/README.md names each
// file's source and every change made for a scenario.

jest.setTimeout(60_000);

describe('the Kubernetes rollout collectors against recorded Kubernetes API answers', () => {
  let cluster: KubeReplay;
  beforeEach(async () => {
    cluster = await replay();
  });
  afterEach(() => cluster.stop());

  const assess = (entities: Parameters<typeof assessRollouts>[1], extra = {}) =>
    assessRollouts(
      collectorsFor([{ name: 'prod', url: cluster.url, ...extra }]),
      entities,
    );

  it.each([
    [
      'a KServe canary revision taking 10% of the traffic',
      KEYS.kserve,
      'default/my-model',
      'InferenceService default/my-model in Kubernetes cluster "prod" splits traffic: 10% to my-model-predictor-default-00003, 90% to my-model-predictor-default-00001',
    ],
    [
      'a ready KServe Standard-mode canary',
      KEYS.kserve,
      'kserve-ci-e2e-test/isvc-canary-create',
      'InferenceService kserve-ci-e2e-test/isvc-canary-create in Kubernetes cluster "prod" splits traffic: 80% to stable predictor, 20% to canary v2',
    ],
    [
      'an Argo Rollouts canary with setWeight steps',
      KEYS.argo,
      'default/guestbook-canary',
      'Rollout default/guestbook-canary in Kubernetes cluster "prod" rolls new versions out in canary steps of 20%, 40%, by replica count',
    ],
    [
      'a Ready Seldon experiment with two weighted candidates',
      KEYS.seldon,
      'seldon-mesh/experiment-sample',
      'Experiment seldon-mesh/experiment-sample in Kubernetes cluster "prod" splits traffic: 50% to iris, 50% to iris2',
    ],
  ])('passes ab-testing for %s', async (_name, key, id, message) => {
    const { check, store } = await assess([
      rolloutService('churn', { [key]: id }),
    ]);
    expect(await check('churn')).toMatchObject({
      status: 'pass',
      counts: true,
      message,
    });
    const document = await store.getAssessmentJson('component:default/churn');
    expect(document).not.toContain(TOKEN);
  });

  it.each([
    [KEYS.kserve, 'models/churn', 'InferenceService models/churn'],
    [KEYS.argo, 'fraud/account-takeover', 'Rollout fraud/account-takeover'],
    [KEYS.seldon, 'seldon-mesh/churn-ab', 'Experiment seldon-mesh/churn-ab'],
  ])(
    'fails %s naming an object the cluster does not hold',
    async (key, id, what) => {
      const { check } = await assess([rolloutService('churn', { [key]: id })]);
      expect(await check('churn')).toMatchObject({
        status: 'fail',
        counts: false,
        message: `${what} in Kubernetes cluster "prod" does not exist`,
      });
    },
  );

  it.each([
    [
      'a KServe canary percent whose revision takes no traffic yet',
      KEYS.kserve,
      'kfserving-test/flower-sample',
      /canaryTrafficPercent is 20, but all traffic goes to flower-sample-predictor-default-fg4d6/,
    ],
    [
      'an Argo blue-green rollout',
      KEYS.argo,
      'jesse-test/bluegreen-demo',
      /uses blue-green/,
    ],
    [
      'a Degraded Argo canary',
      KEYS.argo,
      'jesse-test/canary-demo',
      /is Degraded \(ProgressDeadlineExceeded/,
    ],
    [
      'a Seldon experiment that only mirrors',
      KEYS.seldon,
      'seldon-mesh/sklearn-mirror',
      /only iris has a weight; the mirror iris2/,
    ],
  ])('fails for %s', async (_name, key, id, message) => {
    const { check } = await assess([rolloutService('churn', { [key]: id })]);
    const result = await check('churn');
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(message);
  });

  it("links to the object in the cluster's Kubernetes Dashboard when one is configured", async () => {
    const { check } = await assess(
      [rolloutService('churn', { [KEYS.argo]: 'default/guestbook-canary' })],
      { dashboardUrl: 'https://dashboard.k8s.example/' },
    );
    expect((await check('churn')).links).toEqual([
      {
        title:
          "Rollout default/guestbook-canary in the prod cluster's dashboard",
        url: 'https://dashboard.k8s.example/#/customresourcedefinition/rollouts.argoproj.io/default/guestbook-canary?namespace=default',
      },
    ]);
  });

  it('has no link without a dashboard: the Kubernetes tab has no address per object', async () => {
    const { check } = await assess([
      rolloutService('churn', { [KEYS.kserve]: 'default/my-model' }),
    ]);
    expect((await check('churn')).links).toEqual([]);
  });

  it('asks the cluster an annotation names, and the first cluster when it names none', async () => {
    const staging = await replay({ objects: [] });
    try {
      const collectors = collectorsFor([
        { name: 'prod', url: cluster.url },
        { name: 'staging', url: staging.url },
      ]);
      const { check } = await assessRollouts(collectors, [
        rolloutService('default', { [KEYS.kserve]: 'default/my-model' }),
        rolloutService('named', { [KEYS.kserve]: 'staging:default/my-model' }),
      ]);
      expect((await check('default')).status).toBe('pass');
      expect((await check('named')).message).toBe(
        'InferenceService default/my-model in Kubernetes cluster "staging" does not exist',
      );
      for (const r of [...cluster.requests, ...staging.requests]) {
        expect(r.authorization).toBe(`Bearer ${TOKEN}`);
      }
    } finally {
      await staging.stop();
    }
  });

  it('says invalid for an id that is not namespace/name', async () => {
    const { check } = await assess([
      rolloutService('churn', { [KEYS.seldon]: 'experiment-sample' }),
    ]);
    expect(await check('churn')).toMatchObject({
      status: 'invalid',
      message:
        'seldon.io/experiment value "experiment-sample" is not [instance:]namespace/name',
    });
  });
});

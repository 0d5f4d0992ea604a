import type { KubeReplay } from './__testUtils__/KubeReplay';
import { clusterObjects, edit, myModel } from './__testUtils__/kubeFixtures';
import {
  assessRollouts,
  collectorsFor,
  KEYS,
  replay,
  rolloutService,
} from './__testUtils__/kubeTestSetup';

// How the rollout collectors ask a cluster: each resource type listed once per run and
// cluster, in pages, cluster-wide or, where RBAC forbids that, per namespace named.

jest.setTimeout(60_000);

/** Twelve InferenceServices in three namespaces, copies of my-model. */
const manyModels = () =>
  Array.from({ length: 12 }, (_, i) =>
    edit(myModel, isvc => {
      isvc.metadata = {
        ...isvc.metadata,
        namespace: `team-${i % 3}`,
        name: `model-${i}`,
      };
    }),
  );

const services = () =>
  manyModels().map(m =>
    rolloutService(m.metadata!.name!, {
      [KEYS.kserve]: `${m.metadata!.namespace}/${m.metadata!.name}`,
    }),
  );

describe('the Kubernetes rollout collectors, asking a replayed API server', () => {
  let cluster: KubeReplay;
  afterEach(() => cluster.stop());

  it('lists each resource type once per run, cluster-wide, however many entities name it', async () => {
    cluster = await replay({ objects: [...clusterObjects(), ...manyModels()] });
    const entities = [
      ...services(),
      rolloutService('argo', { [KEYS.argo]: 'default/guestbook-canary' }),
      rolloutService('seldon', {
        [KEYS.seldon]: 'seldon-mesh/experiment-sample',
      }),
    ];
    const { check } = await assessRollouts(
      collectorsFor([{ name: 'prod', url: cluster.url }]),
      entities,
    );
    for (const e of entities) {
      expect((await check(e.metadata.name)).status).toBe('pass');
    }
    expect(cluster.requests.map(r => r.path).sort()).toEqual([
      '/apis/argoproj.io/v1alpha1/rollouts',
      '/apis/mlops.seldon.io/v1alpha1/experiments',
      '/apis/serving.kserve.io/v1beta1/inferenceservices',
    ]);
    expect(cluster.requests.length / entities.length).toBeLessThanOrEqual(2);
  });

  it('lists again in the next run, not before', async () => {
    cluster = await replay({ objects: manyModels() });
    const collectors = collectorsFor([{ name: 'prod', url: cluster.url }]);
    await assessRollouts(collectors, services());
    await assessRollouts(collectors, services());
    expect(cluster.lists('inferenceservices')).toHaveLength(2);
  });

  it('follows continue tokens page by page with the configured limit', async () => {
    cluster = await replay({ objects: manyModels() });
    const { check } = await assessRollouts(
      collectorsFor([{ name: 'prod', url: cluster.url }], { pageSize: 5 }),
      services(),
    );
    expect((await check('model-11')).status).toBe('pass');
    const pages = cluster.lists('inferenceservices');
    expect(pages.map(p => p.query.get('limit'))).toEqual(['5', '5', '5']);
    expect(pages[0].query.get('continue')).toBeNull();
    expect(pages[1].query.get('continue')).toBeTruthy();
  });

  it('lists each named namespace once when RBAC forbids the cluster-wide list', async () => {
    cluster = await replay({
      objects: manyModels(),
      forbiddenClusterWide: ['inferenceservices'],
    });
    const entities = services();
    const { check } = await assessRollouts(
      collectorsFor([{ name: 'prod', url: cluster.url }]),
      entities,
    );
    for (const e of entities) {
      expect((await check(e.metadata.name)).status).toBe('pass');
    }
    expect(cluster.requests.map(r => r.path).sort()).toEqual([
      '/apis/serving.kserve.io/v1beta1/inferenceservices',
      '/apis/serving.kserve.io/v1beta1/namespaces/team-0/inferenceservices',
      '/apis/serving.kserve.io/v1beta1/namespaces/team-1/inferenceservices',
      '/apis/serving.kserve.io/v1beta1/namespaces/team-2/inferenceservices',
    ]);
    expect(cluster.requests.length / entities.length).toBeLessThanOrEqual(2);
  });
});

import { ConfigReader } from '@backstage/config';
import { dashboardLinks } from './dashboardLinks';
import { ROLLOUT_KINDS } from './KubernetesRolloutCollector';
import {
  kubernetesClusterNames,
  readKubernetesClusters,
} from './kubernetesClusters';

const config = (clusters: object[], other: object[] = []) =>
  new ConfigReader({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [...other, { type: 'config', clusters }],
    },
  });

describe("reading Backstage's kubernetes config", () => {
  it('reads config clusters as the Kubernetes backend does, authMetadata winning', () => {
    const [prod, dev] = readKubernetesClusters(
      config(
        [
          {
            name: 'prod',
            url: 'https://k8s.example:6443/',
            authProvider: 'google',
            authMetadata: {
              'kubernetes.io/auth-provider': 'serviceAccount',
              serviceAccountToken: 'from-metadata',
            },
            caData: 'LS0t',
            dashboardUrl: 'https://dashboard.example',
          },
          {
            name: 'dev',
            url: 'http://127.0.0.1:8001',
            authProvider: 'serviceAccount',
            serviceAccountToken: 'plain',
            skipTLSVerify: true,
          },
        ],
        [{ type: 'gke', projectId: 'acme' }],
      ),
    );
    expect(prod).toMatchObject({
      name: 'prod',
      url: 'https://k8s.example:6443',
      authProvider: 'serviceAccount',
      serviceAccountToken: 'from-metadata',
      caData: 'LS0t',
      skipTLSVerify: false,
      dashboardUrl: 'https://dashboard.example',
    });
    expect(dev).toMatchObject({
      authProvider: 'serviceAccount',
      serviceAccountToken: 'plain',
      skipTLSVerify: true,
    });
  });

  it('names the clusters in config order, each once', () => {
    expect(
      kubernetesClusterNames(
        config([
          { name: 'prod', url: 'https://a', authProvider: 'serviceAccount' },
          { name: 'dev', url: 'https://b', authProvider: 'serviceAccount' },
          { name: 'prod', url: 'https://c', authProvider: 'serviceAccount' },
        ]),
      ),
    ).toEqual(['prod', 'dev']);
    expect(kubernetesClusterNames(new ConfigReader({}))).toEqual([]);
  });

  it('stops start-up naming the key of a URL that is not http(s)', () => {
    expect(() =>
      readKubernetesClusters(
        config([
          { name: 'prod', url: 'ftp://k8s', authProvider: 'serviceAccount' },
        ]),
      ),
    ).toThrow(
      'kubernetes.clusterLocatorMethods[0].clusters[0].url must be http or https',
    );
  });
});

describe('dashboardLinks', () => {
  const rollout = ROLLOUT_KINDS.find(k => k.id === 'argo')!.resource;
  const cluster = (
    dashboardApp?: string,
    dashboardUrl = 'https://console.example/',
  ) => ({
    ...readKubernetesClusters(
      config([
        { name: 'prod', url: 'https://k8s', authProvider: 'serviceAccount' },
      ]),
    )[0],
    dashboardApp,
    dashboardUrl,
  });

  it.each([
    [
      'standard',
      'https://console.example/#/customresourcedefinition/rollouts.argoproj.io/fraud/account-takeover?namespace=fraud',
    ],
    [
      'openshift',
      'https://console.example/k8s/ns/fraud/argoproj.io~v1alpha1~Rollout/account-takeover',
    ],
    ['rancher', 'https://console.example'],
  ])('links the %s dashboard', (app, url) => {
    expect(
      dashboardLinks(cluster(app), rollout, 'fraud', 'account-takeover')[0].url,
    ).toBe(url);
  });

  it('links nothing for a dashboard URL that is not http(s)', () => {
    expect(
      dashboardLinks(
        cluster('standard', 'ftp://console.example/'),
        rollout,
        'a',
        'b',
      ),
    ).toEqual([]);
  });
});

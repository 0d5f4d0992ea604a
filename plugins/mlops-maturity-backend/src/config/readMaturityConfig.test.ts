import { ConfigReader } from '@backstage/config';
import { readMaturityConfig } from './readMaturityConfig';

const kubernetes = {
  serviceLocatorMethod: { type: 'multiTenant' },
  clusterLocatorMethods: [
    { type: 'catalog' },
    {
      type: 'config',
      clusters: [
        {
          name: 'prod',
          url: 'https://k8s.example',
          authProvider: 'serviceAccount',
        },
        {
          name: 'gke_acme_europe-west1_ml',
          url: 'https://gke.example',
          authProvider: 'google',
        },
      ],
    },
  ],
};

describe('readMaturityConfig', () => {
  it("takes the rollout tools' instances from the clusters of Backstage's kubernetes config, in order", () => {
    const { instances } = readMaturityConfig(
      new ConfigReader({
        kubernetes,
        mlopsMaturity: {
          tools: { mlflow: [{ name: 'prod', baseUrl: 'http://mlflow' }] },
        },
      }),
    );
    const clusters = ['prod', 'gke_acme_europe-west1_ml'];
    expect(instances).toEqual({
      mlflow: ['prod'],
      kserve: clusters,
      argo: clusters,
      seldon: clusters,
    });
  });

  it('notifies owners of level changes unless notifications.enabled is false', () => {
    const enabled = (mlopsMaturity?: object) =>
      readMaturityConfig(new ConfigReader({ mlopsMaturity })).notifications
        .enabled;
    expect(enabled()).toBe(true);
    expect(enabled({ notifications: {} })).toBe(true);
    expect(enabled({ notifications: { enabled: true } })).toBe(true);
    expect(enabled({ notifications: { enabled: false } })).toBe(false);
    expect(() => enabled({ notifications: { enabled: 'maybe' } })).toThrow(
      /mlopsMaturity\.notifications\.enabled/,
    );
  });

  it('has no rollout instances without a config cluster', () => {
    const { instances } = readMaturityConfig(new ConfigReader({}));
    expect(instances.kserve).toBeUndefined();
  });

  it('stops start-up when a rollout tool is configured as a tool instance', () => {
    expect(() =>
      readMaturityConfig(
        new ConfigReader({
          mlopsMaturity: {
            tools: { kserve: [{ name: 'prod', baseUrl: 'http://k' }] },
          },
        }),
      ),
    ).toThrow(
      "mlopsMaturity.tools.kserve is not read: kserve objects are read from the clusters of Backstage's kubernetes.clusterLocatorMethods",
    );
  });

  it('stops start-up on a tool URL with credentials, naming the key and not the value', () => {
    const read = () =>
      readMaturityConfig(
        new ConfigReader({
          mlopsMaturity: {
            tools: {
              mlflow: [
                { name: 'prod', baseUrl: 'http://mlflow' },
                { name: 'dev', baseUrl: 'http://admin:hunter2@mlflow-dev' },
              ],
            },
          },
        }),
      );
    expect(read).toThrow(
      'mlopsMaturity.tools.mlflow[1].baseUrl must not hold credentials',
    );
    expect(read).not.toThrow(/hunter2/);
  });

  it.each([
    [
      'mlopsMaturity.tools.airflow[0].concurrency',
      {
        tools: {
          airflow: [{ name: 'prod', baseUrl: 'http://a', concurrency: 0 }],
        },
      },
    ],
    ['mlopsMaturity.github.concurrency', { github: { concurrency: 0 } }],
    ['mlopsMaturity.github.timeoutMs', { github: { timeoutMs: -5 } }],
    [
      'mlopsMaturity.kubernetes.concurrency',
      { kubernetes: { concurrency: 0.5 } },
    ],
    ['mlopsMaturity.kubernetes.pageSize', { kubernetes: { pageSize: 0 } }],
  ])(
    'stops start-up on %s that would stop every request',
    (key, mlopsMaturity) => {
      expect(() =>
        readMaturityConfig(new ConfigReader({ mlopsMaturity })),
      ).toThrow(`${key} must be a whole number of at least 1`);
    },
  );
});

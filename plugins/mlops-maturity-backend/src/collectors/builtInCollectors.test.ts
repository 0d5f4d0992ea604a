import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_RUBRIC_CHECKS } from '@mlops-maturity/plugin-mlops-maturity-common';
import { GithubCollector } from './github/GithubCollector';
import { KubernetesRolloutCollector } from './kubernetes/KubernetesRolloutCollector';
import { builtInCollectors } from './builtInCollectors';

const instance = (extra: object = {}) => [
  { name: 'prod', baseUrl: 'http://127.0.0.1:1', ...extra },
];

const config = new ConfigReader({
  mlopsMaturity: {
    tools: {
      mlflow: instance(),
      airflow: instance({ apiVersion: 'v2' }),
      dagster: instance(),
      prometheus: instance(),
      evidently: instance(),
      grafana: instance(),
      feast: instance(),
      sagemaker: instance({ region: 'eu-west-1' }),
      wandb: instance({ organization: 'acme' }),
    },
  },
  integrations: { github: [{ host: 'github.com', token: 'x' }] },
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'prod',
            url: 'http://127.0.0.1:1',
            authProvider: 'serviceAccount',
            serviceAccountToken: 'x',
          },
        ],
      },
    ],
  },
});

describe('builtInCollectors', () => {
  const logger = mockServices.logger.mock();
  const ids = [
    ...builtInCollectors({
      config,
      logger,
      urlReader: mockServices.urlReader.mock(),
    }),
    GithubCollector.fromConfig(config, logger)!,
    ...KubernetesRolloutCollector.fromConfig(config, logger),
  ].map(c => c.id);

  it('gives every check of the default rubric a live verifier when every tool is configured', () => {
    const unverifiable = DEFAULT_RUBRIC_CHECKS.filter(
      check => !check.verifiers.some(v => ids.includes(v.source)),
    ).map(c => c.id);
    expect(unverifiable).toEqual([]);
  });

  it('has a collector for every tool an annotation of the default rubric points into, but NannyML and GrowthBook', () => {
    const tools = new Set(
      DEFAULT_RUBRIC_CHECKS.flatMap(c =>
        c.annotations.flatMap(a => (a.kind === 'tool' ? [a.tool] : [])),
      ),
    );
    expect([...tools].filter(t => !ids.includes(t)).sort()).toEqual([
      'growthbook',
      'nannyml',
    ]);
  });

  it('adds only the repository collector when no tool is configured', () => {
    expect(
      builtInCollectors({
        config: new ConfigReader({}),
        logger,
        urlReader: mockServices.urlReader.mock(),
      }).map(c => c.id),
    ).toEqual(['repository']);
  });
});

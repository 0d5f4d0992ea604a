import fs from 'node:fs';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { FaultProxy } from '../../__testUtils__/FaultProxy';
import { MlflowCollector } from './MlflowCollector';

// Runs against the real MLflow server that scripts/test.sh starts and seeds
// (integration/mlflow/seed.py); skipped when none is running.
const mlflowUrl = process.env.MLOPS_MLFLOW_URL;
const seed = process.env.MLOPS_MLFLOW_SEED
  ? JSON.parse(fs.readFileSync(process.env.MLOPS_MLFLOW_SEED, 'utf8'))
  : {};
const withMlflow = mlflowUrl ? describe : describe.skip;

jest.setTimeout(60_000);

function collectorFor(baseUrl: string, extra: object = {}) {
  return MlflowCollector.fromConfig(
    new ConfigReader({
      mlopsMaturity: {
        tools: { mlflow: [{ name: 'prod', baseUrl, ...extra }] },
      },
    }),
    mockServices.logger.mock(),
  )!;
}

const model = (name: string, annotations: Record<string, string> = {}) =>
  mlService(name, {
    level: 1,
    annotations: {
      'mlflow.org/registered-model': `prod:${name}`,
      ...annotations,
    },
  });

withMlflow('the MLflow collector against a real MLflow server', () => {
  let clock = new Date();

  const scenarios = () => [
    model('churn-model'),
    model('single-version-model'),
    model('empty-model'),
    model('missing-model'),
    model('failed-model'),
    model('stale-model'),
    model('no-metrics-model'),
    model('fraud-model', { 'mlops-maturity.io/promotion': 'automatic' }),
    model('pricing-model', { 'mlops-maturity.io/promotion': 'automatic' }),
    mlService('experiment-only', {
      annotations: {
        'mlflow.org/experiment': `prod:${seed.experiment_id ?? '1'}`,
      },
    }),
  ];

  async function assess(
    entities = scenarios(),
    collector = collectorFor(mlflowUrl!),
  ) {
    const { engineFor, store } = await createTestEngine({
      collectors: [collector],
      config: { tools: { mlflow: [{ name: 'prod', baseUrl: mlflowUrl }] } },
      clock: () => clock,
    });
    const run = await engineFor(entities).assessAll({ trigger: 'manual' });
    const check = async (name: string, id: string) =>
      (await store.getAssessment(`component:default/${name}`))!.checks.find(
        c => c.id === id,
      )!;
    return { run, check, store, collector, engineFor };
  }

  beforeEach(() => {
    clock = new Date();
  });

  it('proves a champion with metrics, and its validation against the previous version', async () => {
    const { check } = await assess();
    expect(await check('churn-model', 'experiment-tracking')).toMatchObject({
      status: 'pass',
      source: 'mlflow',
      message: expect.stringMatching(
        /"churn-model" v2 \(alias champion\) is READY with 2 metrics .*3 READY versions/,
      ),
      links: [
        {
          title: 'churn-model v2 in MLflow',
          url: `${mlflowUrl}/#/models/churn-model/versions/2`,
        },
      ],
    });
    expect(await check('churn-model', 'quality-gate')).toMatchObject({
      status: 'pass',
      message:
        'v2 passed validation, compared with v1; 1 version(s) failed it and were kept out',
    });
    expect(
      (await check('single-version-model', 'experiment-tracking')).status,
    ).toBe('pass');
  });

  it.each([
    ['empty-model', '"empty-model" has no READY version in MLflow prod'],
    [
      'missing-model',
      'Registered model "missing-model" does not exist in MLflow prod',
    ],
    ['failed-model', '"failed-model" has no READY version in MLflow prod'],
    ['stale-model', 'older than the 180-day window'],
    ['no-metrics-model', 'has no metrics, on the version or its run'],
  ])('fails experiment tracking for %s', async (name, message) => {
    const { check } = await assess();
    const result = await check(name, 'experiment-tracking');
    expect(result.status).toBe('fail');
    expect(result.message).toContain(message);
  });

  it('tells automatic promotion from promotion by a person', async () => {
    const { check } = await assess();
    expect(await check('fraud-model', 'auto-promotion')).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('was promoted by pipeline'),
    });
    expect(await check('pricing-model', 'auto-promotion')).toMatchObject({
      status: 'fail',
      message: 'v1 was promoted by alice, not by a pipeline',
    });
  });

  it('proves experiment tracking from an experiment with finished runs', async () => {
    const { check } = await assess();
    expect((await check('experiment-only', 'experiment-tracking')).status).toBe(
      'pass',
    );
  });

  it('lists the registry once per run: at most 2 requests per entity on average', async () => {
    const collector = collectorFor(mlflowUrl!);
    const entities = scenarios();
    const { run } = await assess(entities, collector);
    expect(run.failed).toBe(0);
    const requests = collector.requestCounts().prod;
    expect(requests / entities.length).toBeLessThanOrEqual(2);
  });

  it('reads the runs of many champions in one search, each decided as alone', async () => {
    const batchModels = Array.from({ length: 6 }, (_, i) =>
      model(`batch-model-${i}`),
    );
    const proxy = await new FaultProxy(mlflowUrl!).start();
    try {
      const together = await assess(
        [...scenarios(), ...batchModels],
        collectorFor(proxy.url),
      );
      expect(together.run.failed).toBe(0);
      // One search for every champion's run, deleted runs and experiments included; no run
      // asked for alone.
      expect(proxy.requests.filter(r => r.endsWith('/runs/get'))).toEqual([]);
      expect(
        proxy.requests.filter(r => r.endsWith('/runs/search')).length,
      ).toBeLessThanOrEqual(2);
      for (const entity of [...scenarios(), ...batchModels]) {
        const name = entity.metadata.name;
        const alone = await assess([entity], collectorFor(proxy.url));
        for (const id of ['experiment-tracking', 'quality-gate']) {
          expect({ name, ...(await together.check(name, id)) }).toEqual({
            name,
            ...(await alone.check(name, id)),
          });
        }
      }
      expect(
        await together.check('batch-model-3', 'experiment-tracking'),
      ).toMatchObject({
        status: 'pass',
        message: expect.stringContaining('with 2 metrics'),
      });
    } finally {
      await proxy.stop();
    }
  });

  it('keeps every check MLflow proved (tracking, gate, promotion) through MLflow stopping', async () => {
    const proxy = await new FaultProxy(mlflowUrl!).start();
    const entities = scenarios();
    const { store, engineFor } = await assess(
      entities,
      collectorFor(proxy.url),
    );
    const proved = async () =>
      (
        await Promise.all(
          entities.map(async e =>
            (await store.getAssessment(
              `component:default/${e.metadata.name}`,
            ))!.checks
              .filter(c => c.source === 'mlflow' && c.counts)
              .map(c => ({
                entity: e.metadata.name,
                id: c.id,
                status: c.status,
                stale: c.stale,
              })),
          ),
        )
      ).flat();
    const before = await proved();
    expect(new Set(before.map(p => p.id))).toEqual(
      new Set(['experiment-tracking', 'quality-gate', 'auto-promotion']),
    );
    await proxy.stop();
    clock = new Date(clock.getTime() + 60_000);
    await engineFor(entities).assessAll({ trigger: 'manual' });
    expect(await proved()).toEqual(
      before.map(p => ({ ...p, status: 'unknown', stale: true })),
    );
  });

  describeToolFaults({
    tool: 'MLflow',
    targetUrl: mlflowUrl!,
    collectorFor: (baseUrl, timeoutMs) => collectorFor(baseUrl, { timeoutMs }),
    config: { tools: { mlflow: [{ name: 'prod', baseUrl: mlflowUrl }] } },
    entity: model('churn-model'),
    scenarios: scenarios(),
    checkId: 'experiment-tracking',
  });
});

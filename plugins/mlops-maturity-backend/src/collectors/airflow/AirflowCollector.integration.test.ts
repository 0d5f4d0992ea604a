import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { AirflowCollector } from './AirflowCollector';

// Runs against the real Airflow 3 that scripts/test.sh starts with the scenario DAGs of
// integration/airflow; skipped when none is running.
const airflowUrl = process.env.MLOPS_AIRFLOW_URL;
const credentials = {
  username: process.env.MLOPS_AIRFLOW_USER ?? 'admin',
  password: process.env.MLOPS_AIRFLOW_PASSWORD ?? 'admin',
};
const withAirflow = airflowUrl ? describe : describe.skip;

jest.setTimeout(60_000);

function collectorFor(baseUrl: string, extra: object = {}) {
  return AirflowCollector.fromConfig(
    new ConfigReader({
      mlopsMaturity: {
        tools: {
          airflow: [{ name: 'prod', baseUrl, ...credentials, ...extra }],
        },
      },
    }),
    mockServices.logger.mock(),
  )!;
}

const pipeline = (dagId: string, annotations: Record<string, string> = {}) =>
  mlService(dagId.replace(/_/g, '-'), {
    level: 1,
    annotations: {
      'airflow.apache.org/dag-id': `prod:${dagId}`,
      ...annotations,
    },
  });

withAirflow('the Airflow collector against a real Airflow 3 server', () => {
  let clock = new Date();

  const scenarios = () => [
    pipeline('train_scheduled_ok'),
    pipeline('train_paused'),
    pipeline('train_manual_only'),
    pipeline('train_failing'),
    pipeline('train_missing'),
    pipeline('train_on_drift', {
      'mlops-maturity.io/retrain-cadence': 'on-drift',
    }),
  ];

  async function assess(
    entities = scenarios(),
    collector = collectorFor(airflowUrl!),
  ) {
    const { engineFor, store } = await createTestEngine({
      collectors: [collector],
      config: {
        tools: {
          airflow: [{ name: 'prod', baseUrl: airflowUrl, ...credentials }],
        },
      },
      clock: () => clock,
    });
    const run = await engineFor(entities).assessAll({ trigger: 'manual' });
    const check = async (name: string, id: string) =>
      (await store.getAssessment(`component:default/${name}`))!.checks.find(
        c => c.id === id,
      )!;
    return { run, check, store, engineFor };
  }

  beforeEach(() => {
    clock = new Date();
  });

  it('proves a scheduled DAG whose latest scheduled run succeeded, linking to the run', async () => {
    const { check } = await assess();
    const result = await check('train-scheduled-ok', 'training-pipeline');
    expect(result).toMatchObject({
      status: 'pass',
      source: 'airflow',
      message:
        'DAG "train_scheduled_ok" is scheduled; its latest scheduled run succeeded',
    });
    expect(result.links[0].url).toMatch(
      new RegExp(`^${airflowUrl}/dags/train_scheduled_ok/runs/scheduled__`),
    );
  });

  it.each([
    ['train-paused', 'DAG "train_paused" is paused'],
    ['train-manual-only', 'runs only when triggered by hand'],
    [
      'train-failing',
      'has no successful scheduled or data-triggered run; the latest (scheduled) is failed',
    ],
    ['train-missing', 'DAG "train_missing" does not exist in Airflow prod'],
  ])('fails the training pipeline of %s', async (name, message) => {
    const { check } = await assess();
    const result = await check(name, 'training-pipeline');
    expect(result.status).toBe('fail');
    expect(result.message).toContain(message);
  });

  it('proves retraining on drift from an asset event of a monitoring DAG', async () => {
    const { check } = await assess();
    expect(await check('train-on-drift', 'training-pipeline')).toMatchObject({
      status: 'pass',
      message:
        'DAG "train_on_drift" is data-triggered; its latest asset_triggered run succeeded',
    });
    expect(
      await check('train-on-drift', 'drift-triggered-retraining'),
    ).toMatchObject({
      status: 'pass',
      message:
        '"train_on_drift" retrained after an asset event from monitoring DAG "drift_monitor"',
    });
  });

  it('does not take a scheduled pipeline for drift-triggered retraining', async () => {
    const { check } = await assess([
      pipeline('train_scheduled_ok', {
        'mlops-maturity.io/retrain-cadence': 'on-drift',
      }),
    ]);
    expect(
      await check('train-scheduled-ok', 'drift-triggered-retraining'),
    ).toMatchObject({
      status: 'fail',
      message: '"train_scheduled_ok" has no successful data-triggered run',
    });
  });

  it('fails a pipeline whose last success is older than twice its cadence', async () => {
    clock = new Date(Date.now() + 20 * 86_400_000);
    const { check } = await assess([
      pipeline('train_scheduled_ok', {
        'mlops-maturity.io/retrain-cadence': 'weekly',
      }),
    ]);
    const result = await check('train-scheduled-ok', 'training-pipeline');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('older than the 14-day window');
  });

  it('asks at most 2 requests per entity on average', async () => {
    const collector = collectorFor(airflowUrl!);
    const entities = scenarios();
    await assess(entities, collector);
    // One sign-in and one listing per run, one run list per DAG, one event list per drift DAG.
    expect(
      collector.requestCounts().prod / entities.length,
    ).toBeLessThanOrEqual(2);
  });

  describeToolFaults({
    tool: 'Airflow',
    targetUrl: airflowUrl!,
    collectorFor: baseUrl => collectorFor(baseUrl, { timeoutMs: 1000 }),
    config: {
      tools: {
        airflow: [{ name: 'prod', baseUrl: airflowUrl, ...credentials }],
      },
    },
    entity: pipeline('train_scheduled_ok'),
    checkId: 'training-pipeline',
  });
});

import fs from 'node:fs';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { DagsterCollector } from './DagsterCollector';

// Runs against the real Dagster webserver that scripts/tools/dagster.sh starts (start_dagster)
// with the code location integration/dagster/scenarios.py, its instance seeded by
// integration/dagster/seed.py; skipped when none is running.
const dagsterUrl = process.env.MLOPS_DAGSTER_URL;
const seed: { runs: Array<{ job: string; runId: string; success: boolean }> } =
  process.env.MLOPS_DAGSTER_SEED
    ? JSON.parse(fs.readFileSync(process.env.MLOPS_DAGSTER_SEED, 'utf8'))
    : { runs: [] };
const withDagster = dagsterUrl ? describe : describe.skip;

jest.setTimeout(60_000);

const config = { tools: { dagster: [{ name: 'prod', baseUrl: dagsterUrl }] } };

function collectorFor(baseUrl: string, extra: object = {}) {
  return DagsterCollector.fromConfig(
    new ConfigReader({
      mlopsMaturity: {
        tools: { dagster: [{ name: 'prod', baseUrl, ...extra }] },
      },
    }),
    mockServices.logger.mock(),
  )!;
}

const pipeline = (
  job: string,
  annotations: Record<string, string> = {},
  name = job.replace(/_/g, '-'),
) =>
  mlService(name, {
    level: 1,
    annotations: {
      'dagster.io/job': `prod:scenarios:ml:${job}`,
      ...annotations,
    },
  });

const onDrift = { 'mlops-maturity.io/retrain-cadence': 'on-drift' };

/** The seeded runs of a job, oldest first. */
const seeded = (job: string) => seed.runs.filter(r => r.job === job);

withDagster('the Dagster collector against a real Dagster server', () => {
  let clock = new Date();

  const scenarios = () => [
    pipeline('train_scheduled_ok'),
    pipeline('train_failing'),
    pipeline('train_manual_only'),
    pipeline('train_stopped'),
    pipeline('train_never_run'),
    pipeline('train_missing'),
    pipeline('train_on_drift', onDrift),
    pipeline('train_on_new_data', onDrift),
    mlService('elsewhere', {
      level: 1,
      annotations: { 'dagster.io/job': 'prod:elsewhere:ml:train' },
    }),
  ];

  async function assess(
    entities = scenarios(),
    collector = collectorFor(dagsterUrl!),
  ) {
    const { engineFor, store } = await createTestEngine({
      collectors: [collector],
      config,
      clock: () => clock,
    });
    const run = await engineFor(entities).assessAll({ trigger: 'manual' });
    const check = async (name: string, id: string) =>
      (await store.getAssessment(`component:default/${name}`))!.checks.find(
        c => c.id === id,
      )!;
    return { run, check, store, engineFor };
  }

  /**
   * The GraphQL operations the collector sent while the callback ran; the collector must be made
   * in the callback, as its HTTP client keeps the fetch it was made with.
   */
  async function operationsDuring(callback: () => Promise<unknown>) {
    const spy = jest.spyOn(globalThis, 'fetch');
    try {
      await callback();
      return spy.mock.calls
        .filter(([input]) => String(input).startsWith(dagsterUrl!))
        .map(([input, init]) => ({
          path: new URL(String(input)).pathname,
          operation: /query (\w+)/.exec(
            JSON.parse(String(init?.body)).query,
          )?.[1],
          headers: init?.headers as Record<string, string>,
        }));
    } finally {
      spy.mockRestore();
    }
  }

  beforeEach(() => {
    clock = new Date();
  });

  it('proves a job whose running schedule launched a successful run, linking to the run and the job', async () => {
    const { run, check } = await assess();
    expect(run.failed).toBe(0);
    const [scheduled] = seeded('train_scheduled_ok');
    const result = await check('train-scheduled-ok', 'training-pipeline');
    expect(result).toMatchObject({
      status: 'pass',
      source: 'dagster',
      message:
        'Job "train_scheduled_ok" runs from schedule "train_scheduled_ok_daily" (0 3 * * *); its latest run, launched by schedule "train_scheduled_ok_daily", succeeded',
      links: [
        {
          title: `train_scheduled_ok run ${scheduled.runId.slice(
            0,
            8,
          )} in Dagster`,
          url: `${dagsterUrl}/runs/${scheduled.runId}`,
        },
        {
          title: 'train_scheduled_ok in Dagster',
          url: `${dagsterUrl}/locations/ml@scenarios/jobs/train_scheduled_ok`,
        },
      ],
    });
    // The run ended moments ago, when the seed ran it.
    expect(Date.now() - new Date(result.observedAt!).getTime()).toBeLessThan(
      60 * 60_000,
    );
    for (const link of result.links) {
      const page = await fetch(link.url);
      await page.body?.cancel();
      expect(page.status).toBe(200);
    }
  });

  it.each([
    [
      'train-failing',
      'The latest run of job "train_failing" launched by schedule "train_failing_daily" failed',
    ],
    [
      'train-manual-only',
      'Job "train_manual_only" has no schedule or sensor; it runs only when launched by hand',
    ],
    [
      'train-stopped',
      'Every schedule and sensor of job "train_stopped" is stopped (train_stopped_daily); start one in Dagster',
    ],
    [
      'train-never-run',
      'Job "train_never_run" has not finished a run launched by its schedules or sensors yet',
    ],
    [
      'train-missing',
      'Job "train_missing" does not exist in ml@scenarios of Dagster prod',
    ],
    ['elsewhere', 'Code location "elsewhere" does not exist in Dagster prod'],
  ])('fails the training pipeline of %s', async (name, message) => {
    const { check } = await assess();
    expect(await check(name, 'training-pipeline')).toMatchObject({
      status: 'fail',
      message,
    });
  });

  it('links a failed scheduled run, though an earlier scheduled run succeeded', async () => {
    const [succeeded, failed] = seeded('train_failing');
    expect([succeeded.success, failed.success]).toEqual([true, false]);
    const { check } = await assess();
    expect(
      (await check('train-failing', 'training-pipeline')).links[0].url,
    ).toBe(`${dagsterUrl}/runs/${failed.runId}`);
  });

  it('proves retraining launched by a sensor on a monitoring asset', async () => {
    const { check } = await assess();
    const [retrained] = seeded('train_on_drift');
    expect(await check('train-on-drift', 'training-pipeline')).toMatchObject({
      status: 'pass',
      message:
        'Job "train_on_drift" runs from sensor "churn_drift_sensor"; its latest run, launched by sensor "churn_drift_sensor", succeeded',
    });
    expect(
      await check('train-on-drift', 'drift-triggered-retraining'),
    ).toMatchObject({
      status: 'pass',
      message:
        '"train_on_drift" retrained in a run launched by sensor "churn_drift_sensor" on monitoring asset churn/psi_report; it succeeded',
      links: [
        { url: `${dagsterUrl}/runs/${retrained.runId}` },
        {
          title: 'Sensor churn_drift_sensor in Dagster',
          url: `${dagsterUrl}/locations/ml@scenarios/sensors/churn_drift_sensor`,
        },
      ],
    });
  });

  it('does not take a sensor on other data, or a schedule, for drift-triggered retraining', async () => {
    const { check } = await assess([
      ...scenarios(),
      pipeline('train_scheduled_ok', onDrift, 'scheduled-on-drift'),
    ]);
    expect((await check('train-on-new-data', 'training-pipeline')).status).toBe(
      'pass',
    );
    expect(
      await check('train-on-new-data', 'drift-triggered-retraining'),
    ).toMatchObject({
      status: 'fail',
      message:
        'No sensor of job "train_on_new_data" watches a monitoring asset (key, group or tag matching /monitoring|drift/i); "new_orders_sensor" watches raw/orders',
    });
    expect(
      await check('scheduled-on-drift', 'drift-triggered-retraining'),
    ).toMatchObject({
      status: 'fail',
      message:
        'No sensor of job "train_scheduled_ok" watches a monitoring asset (key, group or tag matching /monitoring|drift/i)',
    });
  });

  it('takes what the instance says a monitoring asset is', async () => {
    const { check } = await assess(
      [pipeline('train_on_new_data', onDrift)],
      collectorFor(dagsterUrl!, { monitoringAssetPattern: '^raw/' }),
    );
    expect(
      await check('train-on-new-data', 'drift-triggered-retraining'),
    ).toMatchObject({
      status: 'pass',
      message:
        '"train_on_new_data" retrained in a run launched by sensor "new_orders_sensor" on monitoring asset raw/orders; it succeeded',
    });
  });

  it.each([
    [
      'training pipeline',
      'train_scheduled_ok',
      'training-pipeline',
      20,
      'weekly',
      14,
    ],
    [
      'drift retraining',
      'train_on_drift',
      'drift-triggered-retraining',
      100,
      'on-drift',
      90,
    ],
  ])(
    'fails a %s whose last proof is older than its window',
    async (_, job, checkId, days, cadence, window) => {
      clock = new Date(Date.now() + days * 86_400_000);
      const { check } = await assess([
        pipeline(job, { 'mlops-maturity.io/retrain-cadence': cadence }),
      ]);
      const result = await check(job.replace(/_/g, '-'), checkId);
      expect(result.status).toBe('fail');
      expect(result.message).toContain(`older than the ${window}-day window`);
    },
  );

  it('lists the workspace once per run and asks at most one request per entity', async () => {
    let collector: DagsterCollector | undefined;
    const entities = scenarios();
    const operations = await operationsDuring(() => {
      collector = collectorFor(dagsterUrl!);
      return assess(entities, collector);
    });
    const count = (name: string) =>
      operations.filter(o => o.operation === name).length;
    expect(count('MlopsMaturityWorkspace')).toBe(1);
    // The drift sensor's asset is a monitoring asset by its group only, so groups are read once.
    expect(count('MlopsMaturityWatchedAssets')).toBe(1);
    // Jobs that are missing, or have no running schedule or sensor, need no request of their own.
    expect(count('MlopsMaturityJobRuns')).toBe(5);
    expect(operations.every(o => o.path === '/graphql')).toBe(true);
    expect(collector!.requestCounts().prod).toBe(operations.length);
    expect(operations.length / entities.length).toBeLessThanOrEqual(2);
  });

  it('sends a Dagster+ API token in its own header, and never shows it', async () => {
    const token = 'user:dagster-plus-token';
    let store: Awaited<ReturnType<typeof assess>>['store'] | undefined;
    const operations = await operationsDuring(async () => {
      ({ store } = await assess(
        [pipeline('train_scheduled_ok')],
        collectorFor(dagsterUrl!, { token }),
      ));
    });
    expect(operations.length).toBeGreaterThan(0);
    for (const { headers } of operations) {
      expect(headers['Dagster-Cloud-Api-Token']).toBe(token);
      expect(headers.Authorization).toBeUndefined();
    }
    expect(
      await store!.getAssessmentJson('component:default/train-scheduled-ok'),
    ).not.toContain(token);
  });

  describeToolFaults({
    tool: 'Dagster',
    targetUrl: dagsterUrl!,
    collectorFor: (baseUrl, timeoutMs) => collectorFor(baseUrl, { timeoutMs }),
    config,
    entity: pipeline('train_scheduled_ok'),
    scenarios: scenarios(),
    checkId: 'training-pipeline',
  });
});

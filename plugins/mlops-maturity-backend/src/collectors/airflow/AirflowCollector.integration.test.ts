import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  CollectedEvidence,
  EvidenceCollector,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { FaultProxy } from '../../__testUtils__/FaultProxy';
import { ASSESS_BATCH_SIZE } from '../../engine/AssessmentEngine';
import { AirflowCollector } from './AirflowCollector';

// Runs against the real Airflow 3 (API v2, token sign-in) and Airflow 2 (API v1, basic auth)
// that scripts/test.sh starts (start_airflow, start_airflow2 in scripts/tools.sh), both with
// the scenario DAGs of integration/airflow; a server whose URL variable is not set is skipped.
const servers = [
  {
    name: 'Airflow 3',
    env: 'MLOPS_AIRFLOW',
    start: 'start_airflow',
    api: 'v2',
    dataRunType: 'asset_triggered',
    event: 'an asset event',
    /** Where the UI shows a run. */
    runPage: (dagId: string) => `/dags/${dagId}/runs/`,
  },
  {
    name: 'Airflow 2',
    env: 'MLOPS_AIRFLOW2',
    start: 'start_airflow2',
    api: 'v1',
    dataRunType: 'dataset_triggered',
    event: 'a dataset event',
    runPage: (dagId: string) => `/dags/${dagId}/grid?dag_run_id=`,
  },
].map(server => ({
  ...server,
  url: process.env[`${server.env}_URL`],
  credentials: {
    username: process.env[`${server.env}_USER`] ?? 'admin',
    password: process.env[`${server.env}_PASSWORD`] ?? 'admin',
  },
}));

jest.setTimeout(60_000);

/** What a check result says, without when it was stored. */
const pick = (
  result: { status: string; message: string; stale?: boolean } | undefined,
) => ({
  status: result?.status,
  message: result?.message,
  stale: result?.stale,
});

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const pipeline = (dagId: string, annotations: Record<string, string> = {}) =>
  mlService(dagId.replace(/_/g, '-'), {
    level: 1,
    annotations: {
      'airflow.apache.org/dag-id': `prod:${dagId}`,
      ...annotations,
    },
  });

describe.each(servers)(
  'the Airflow collector against a real $name server',
  server => {
    const airflowUrl = server.url!;
    if (!server.url) {
      // Skipped, and saying why, rather than passing without a server.
      const skip = it.skip;
      skip(`(${server.env}_URL is not set: scripts/tools.sh ${server.start} starts one)`, () => {});
      return;
    }
    const { credentials } = server;
    const config = {
      tools: {
        airflow: [{ name: 'prod', baseUrl: airflowUrl, ...credentials }],
      },
    };

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
      collector: EvidenceCollector = collectorFor(airflowUrl),
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
        new RegExp(
          `^${escapeRegExp(
            airflowUrl + server.runPage('train_scheduled_ok'),
          )}scheduled__`,
        ),
      );
      // The link opens the run in the UI of that Airflow.
      const page = await fetch(result.links[0].url, { redirect: 'manual' });
      await page.body?.cancel();
      expect(page.status).not.toBe(404);
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

    it(`proves retraining on drift from ${server.event} of a monitoring DAG`, async () => {
      const { check } = await assess();
      expect(await check('train-on-drift', 'training-pipeline')).toMatchObject({
        status: 'pass',
        message: `DAG "train_on_drift" is data-triggered; its latest ${server.dataRunType} run succeeded`,
      });
      expect(
        await check('train-on-drift', 'drift-triggered-retraining'),
      ).toMatchObject({
        status: 'pass',
        message: `"train_on_drift" retrained after ${server.event} from monitoring DAG "drift_monitor"`,
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
      const collector = collectorFor(airflowUrl);
      const entities = scenarios();
      await assess(entities, collector);
      // One listing per run, one run list per DAG, one event list per drift DAG.
      expect(
        collector.requestCounts().prod / entities.length,
      ).toBeLessThanOrEqual(2);
    });

    it('reads the runs of many DAGs in a few requests, each decided as alone', async () => {
      // 60 DAGs that never ran, 20 entities naming each scenario, 20 naming missing DAGs.
      const fleet = Array.from({ length: 60 }, (_, i) =>
        pipeline(`fleet_${i}`),
      );
      const copies = scenarios().flatMap(entity =>
        Array.from({ length: 20 }, (_, k) => ({
          ...entity,
          metadata: {
            ...entity.metadata,
            name: `${entity.metadata.name}-${k}`,
          },
        })),
      );
      const missing = Array.from({ length: 20 }, (_, i) =>
        pipeline(`missing_${i}`),
      );
      const entities = [...fleet, ...copies, ...missing];
      const collector = collectorFor(airflowUrl);
      const { check } = await assess(entities, collector);
      const alone = await assess();

      // Asking each DAG costs one request per entity; a batch costs a few.
      const requests = collector.requestCounts().prod;
      expect(requests).toBeLessThanOrEqual(entities.length / 20);
      // The server answers 25 DAGs a page (scripts/tools.sh): each of the 60 is found, whatever
      // page of the listing holds it.
      for (let i = 0; i < 60; i++) {
        expect(await check(`fleet-${i}`, 'training-pipeline')).toMatchObject({
          status: 'fail',
          message: `DAG "fleet_${i}" has not run yet`,
        });
      }
      for (const entity of scenarios()) {
        const name = entity.metadata.name;
        for (const id of ['training-pipeline', 'drift-triggered-retraining']) {
          const expected = await alone.check(name, id);
          for (const k of [0, 19]) {
            const result = await check(`${name}-${k}`, id);
            expect({ name, id, ...pick(result) }).toEqual({
              name,
              id,
              ...pick(expected),
            });
          }
        }
      }
    });

    it.each([
      { how: 'detected', extra: {} },
      { how: 'configured', extra: { apiVersion: server.api } },
    ])(
      'waits one timeout per run for an Airflow that does not answer (API version $how)',
      async ({ extra }) => {
        const timeoutMs = 3000;
        const proxy = await new FaultProxy(airflowUrl).start();
        proxy.fault = 'slow';
        try {
          // More entities than the engine assesses at once, so that several batches ask.
          const entities = Array.from(
            { length: ASSESS_BATCH_SIZE + 100 },
            (_e, i) => pipeline(`silent_${i}`),
          );
          const collector = collectorFor(proxy.url, { ...extra, timeoutMs });
          // The time the engine waits on the collector, and what it answers.
          let waitedMs = 0;
          const answers: CollectedEvidence[] = [];
          const timed: EvidenceCollector = {
            id: collector.id,
            collect: async (requests, options) => {
              const started = Date.now();
              const found = await collector.collect(requests, options);
              waitedMs += Date.now() - started;
              for (const evidence of found.values()) answers.push(...evidence);
              return found;
            },
          };
          const { run } = await assess(entities, timed);
          expect(run).toMatchObject({ status: 'completed', failed: 0 });
          expect(waitedMs).toBeLessThan(2 * timeoutMs);
          // Unknown, with the reason, for each check Airflow verifies.
          expect(answers.length).toBeGreaterThanOrEqual(entities.length);
          for (const answer of answers) {
            expect(answer).toMatchObject({
              status: 'unknown',
              message: expect.stringContaining(
                `no answer within ${timeoutMs / 1000} s`,
              ),
            });
          }
        } finally {
          await proxy.stop();
        }
      },
    );

    describe('API version', () => {
      /** The API paths the collector asked while assessing one scheduled pipeline. */
      async function pathsAsked(extra: object) {
        const spy = jest.spyOn(globalThis, 'fetch');
        try {
          const { check } = await assess(
            [pipeline('train_scheduled_ok')],
            collectorFor(airflowUrl, extra),
          );
          expect(
            (await check('train-scheduled-ok', 'training-pipeline')).status,
          ).toBe('pass');
          return spy.mock.calls
            .map(([input]) =>
              input instanceof Request ? input.url : String(input),
            )
            .filter(url => url.startsWith(airflowUrl))
            .map(url => new URL(url).pathname);
        } finally {
          spy.mockRestore();
        }
      }

      it(`detects ${server.api} when apiVersion is not configured`, async () => {
        const paths = await pathsAsked({});
        expect(paths[0]).toBe('/api/v2/version');
        const asked = paths.slice(1).filter(p => p.startsWith('/api/'));
        expect(asked).toContain(`/api/${server.api}/dags`);
        expect(asked.every(p => p.startsWith(`/api/${server.api}/`))).toBe(
          true,
        );
      });

      it(`asks ${server.api} without detecting when apiVersion is ${server.api}`, async () => {
        const paths = await pathsAsked({ apiVersion: server.api });
        expect(paths).not.toContain('/api/v2/version');
        expect(paths).toContain(`/api/${server.api}/dags`);
      });
    });

    describeToolFaults({
      tool: server.name,
      targetUrl: airflowUrl,
      collectorFor: (baseUrl, timeoutMs) =>
        collectorFor(baseUrl, { timeoutMs }),
      config,
      entity: pipeline('train_scheduled_ok'),
      scenarios: scenarios(),
      checkId: 'training-pipeline',
    });
  },
);

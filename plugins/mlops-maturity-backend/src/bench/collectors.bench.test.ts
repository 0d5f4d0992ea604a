/*
 * Collector benchmark against real servers: MLflow holding MLOPS_BENCH_MODELS registered models
 * and Airflow holding MLOPS_BENCH_DAGS DAGs (default 10,000 each), started and seeded by
 * scripts/bench-collectors.sh. It assesses as many ML services, each naming one model and one
 * DAG, and reports requests per entity per tool and the run's time (target: 120 s for 10,000
 * services); then runs again with MLflow, and once more with Airflow, not answering (a proxy
 * that never replies), and reports how long the run waited on the dead tool, which the circuit
 * breaker bounds to one request timeout. The store is PostgreSQL, as in production (SQLite
 * writes block the event loop that sends the tools' requests), and the catalog generates its
 * services page by page (__testUtils__/generatedCatalog.ts), as a real catalog answers them,
 * rather than filtering the whole estate in the benchmark's process for every page. Skipped
 * unless MLOPS_BENCH=1 and both tools are running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { mlService } from '../__testUtils__/assessments';
import { createTestEngine } from '../__testUtils__/createTestEngine';
import { FaultProxy } from '../__testUtils__/FaultProxy';
import { generatedCatalog } from './__testUtils__/generatedCatalog';
import { AirflowCollector } from '../collectors/airflow/AirflowCollector';
import { MlflowCollector } from '../collectors/mlflow/MlflowCollector';
import type { EvidenceCollector } from '@mlops-maturity/plugin-mlops-maturity-node';

const mlflowUrl = process.env.MLOPS_MLFLOW_URL;
const airflowUrl = process.env.MLOPS_AIRFLOW_URL;
const run =
  process.env.MLOPS_BENCH === '1' && mlflowUrl && airflowUrl
    ? describe
    : describe.skip;
const N = Number(process.env.MLOPS_BENCH_ENTITIES ?? 10_000);
const TIMEOUT_MS = 5_000;
/** The longest a healthy run over the whole estate may take (10,000 services: 120 s). */
const RUN_SECONDS_TARGET = 120 * (N / 10_000);
const credentials = { username: 'admin', password: 'admin' };
const postgresId = (process.env.MLOPS_TEST_POSTGRES_ID ??
  'POSTGRES_15') as TestDatabaseId;
const databases = TestDatabases.create({
  ids: [postgresId],
  disableDocker: true,
});

jest.setTimeout(60 * 60_000);

async function airflowDagCount(): Promise<number> {
  const token = (
    await (
      await fetch(`${airflowUrl}/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(credentials),
      })
    ).json()
  ).access_token;
  const page = await (
    await fetch(`${airflowUrl}/api/v2/dags?limit=1`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  ).json();
  return page.total_entries ?? 0;
}

run('collectors at scale', () => {
  const entityAt = (i: number) =>
    mlService(`bench-${i}`, {
      owner: `team-${i % 200}`,
      annotations: {
        'mlflow.org/registered-model': `prod:bench-model-${i}`,
        'airflow.apache.org/dag-id': `prod:bench_dag_${i}`,
      },
    });
  const { catalog } = generatedCatalog({
    count: N,
    entityAt,
    indexOf: ref => {
      const match = /^component:default\/bench-(\d+)$/.exec(ref);
      return match ? Number(match[1]) : undefined;
    },
    held: [],
  });

  function collectors(mlflowBase: string, airflowBase: string) {
    const config = new ConfigReader({
      mlopsMaturity: {
        tools: {
          mlflow: [
            { name: 'prod', baseUrl: mlflowBase, timeoutMs: TIMEOUT_MS },
          ],
          airflow: [
            {
              name: 'prod',
              baseUrl: airflowBase,
              ...credentials,
              apiVersion: 'v2',
              timeoutMs: TIMEOUT_MS,
            },
          ],
        },
      },
    });
    const logger = mockServices.logger.mock();
    return {
      mlflow: MlflowCollector.fromConfig(config, logger)!,
      airflow: AirflowCollector.fromConfig(config, logger)!,
    };
  }

  /** Wraps a collector to add up the time the engine spends waiting on it. */
  function timed(collector: EvidenceCollector) {
    const timing = { seconds: 0 };
    const wrapped: EvidenceCollector = {
      id: collector.id,
      collect: async (requests, options) => {
        const started = Date.now();
        try {
          return await collector.collect(requests, options);
        } finally {
          timing.seconds += (Date.now() - started) / 1000;
        }
      },
    };
    return { wrapped, timing };
  }

  async function assess(mlflowBase: string, airflowBase: string) {
    const c = collectors(mlflowBase, airflowBase);
    const mlflow = timed(c.mlflow);
    const airflow = timed(c.airflow);
    const { engineFor } = await createTestEngine({
      knex: await databases.init(postgresId),
      catalogFor: () => catalog as any,
      collectors: [mlflow.wrapped, airflow.wrapped],
      config: {
        tools: {
          mlflow: [{ name: 'prod', baseUrl: mlflowBase }],
          airflow: [{ name: 'prod', baseUrl: airflowBase }],
        },
      },
      clock: () => new Date(),
    });
    const started = Date.now();
    const record = await engineFor([]).assessAll({ trigger: 'manual' });
    return {
      seconds: (Date.now() - started) / 1000,
      failed: record.failed,
      status: record.status,
      mlflow: {
        requests: c.mlflow.requestCounts().prod,
        collectSeconds: mlflow.timing.seconds,
      },
      airflow: {
        requests: c.airflow.requestCounts().prod,
        collectSeconds: airflow.timing.seconds,
      },
    };
  }

  /** A run with one tool behind a proxy that accepts connections and never answers. */
  async function assessWithSilent(tool: 'mlflow' | 'airflow') {
    const proxy = await new FaultProxy(
      tool === 'mlflow' ? mlflowUrl! : airflowUrl!,
    ).start();
    proxy.fault = 'slow';
    try {
      return await assess(
        tool === 'mlflow' ? proxy.url : mlflowUrl!,
        tool === 'airflow' ? proxy.url : airflowUrl!,
      );
    } finally {
      await proxy.stop();
    }
  }

  it('asks each tool at most 2 requests per entity, and a dead tool costs one timeout', async () => {
    for (let i = 0; i < 180 && (await airflowDagCount()) < N; i++) {
      await new Promise(resolve => setTimeout(resolve, 10_000));
    }
    expect(await airflowDagCount()).toBeGreaterThanOrEqual(N);

    const healthy = await assess(mlflowUrl!, airflowUrl!);
    const mlflowSilent = await assessWithSilent('mlflow');
    const airflowSilent = await assessWithSilent('airflow');

    const results = {
      entities: N,
      requestTimeoutSeconds: TIMEOUT_MS / 1000,
      runSecondsTarget: RUN_SECONDS_TARGET,
      healthy: {
        ...healthy,
        entitiesPerSecond: N / healthy.seconds,
        mlflowRequestsPerEntity: healthy.mlflow.requests / N,
        airflowRequestsPerEntity: healthy.airflow.requests / N,
      },
      // The run waits on a dead tool for the time its collector spends; compare that with the
      // healthy tool's. The whole run's time is also given; it is dominated by the other tool.
      mlflowNotAnswering: {
        ...mlflowSilent,
        extraSeconds: mlflowSilent.seconds - healthy.seconds,
      },
      airflowNotAnswering: {
        ...airflowSilent,
        extraSeconds: airflowSilent.seconds - healthy.seconds,
      },
    };
    const out = path.resolve(__dirname, '../../../../artifacts/bench');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(
      path.join(out, 'collectors.json'),
      JSON.stringify(results, null, 2),
    );
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

    expect(healthy.failed).toBe(0);
    expect(healthy.seconds).toBeLessThanOrEqual(RUN_SECONDS_TARGET);
    expect(results.healthy.mlflowRequestsPerEntity).toBeLessThanOrEqual(2);
    expect(results.healthy.airflowRequestsPerEntity).toBeLessThanOrEqual(2);
    for (const silent of [mlflowSilent, airflowSilent]) {
      expect(silent.status).toBe('completed');
      expect(silent.failed).toBe(0);
    }
    // Each dead tool cost one request timeout (its circuit then stays open for the run),
    // not one per entity.
    expect(mlflowSilent.mlflow.collectSeconds).toBeLessThan(
      TIMEOUT_MS / 1000 + 5,
    );
    expect(airflowSilent.airflow.collectSeconds).toBeLessThan(
      TIMEOUT_MS / 1000 + 5,
    );
  });
});

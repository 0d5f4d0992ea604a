/*
 * Collector benchmark against real servers: MLflow holding MLOPS_BENCH_MODELS registered models
 * and Airflow holding MLOPS_BENCH_DAGS DAGs (default 10,000 each), started and seeded by
 * scripts/bench-collectors.sh. It assesses as many ML services, each naming one model and one
 * DAG, and reports requests per entity per tool; then runs again with MLflow not answering
 * (a proxy that never replies) and reports the extra time, which the circuit breaker bounds
 * to one request timeout. Skipped unless MLOPS_BENCH=1 and both tools are running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { mlService } from '../__testUtils__/assessments';
import { createTestEngine } from '../__testUtils__/createTestEngine';
import { FaultProxy } from '../__testUtils__/FaultProxy';
import { AirflowCollector } from '../collectors/airflow/AirflowCollector';
import { MlflowCollector } from '../collectors/mlflow/MlflowCollector';

const mlflowUrl = process.env.MLOPS_MLFLOW_URL;
const airflowUrl = process.env.MLOPS_AIRFLOW_URL;
const run =
  process.env.MLOPS_BENCH === '1' && mlflowUrl && airflowUrl
    ? describe
    : describe.skip;
const N = Number(process.env.MLOPS_BENCH_ENTITIES ?? 10_000);
const TIMEOUT_MS = 5_000;
const credentials = { username: 'admin', password: 'admin' };

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
  const entities = Array.from({ length: N }, (_, i) =>
    mlService(`bench-${i}`, {
      owner: `team-${i % 200}`,
      annotations: {
        'mlflow.org/registered-model': `prod:bench-model-${i}`,
        'airflow.apache.org/dag-id': `prod:bench_dag_${i}`,
      },
    }),
  );

  function collectors(mlflowBase: string) {
    const config = new ConfigReader({
      mlopsMaturity: {
        tools: {
          mlflow: [
            { name: 'prod', baseUrl: mlflowBase, timeoutMs: TIMEOUT_MS },
          ],
          airflow: [
            {
              name: 'prod',
              baseUrl: airflowUrl,
              ...credentials,
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

  async function assess(mlflowBase: string) {
    const c = collectors(mlflowBase);
    const { engineFor } = await createTestEngine({
      collectors: [c.mlflow, c.airflow],
      config: {
        tools: {
          mlflow: [{ name: 'prod', baseUrl: mlflowBase }],
          airflow: [{ name: 'prod', baseUrl: airflowUrl }],
        },
      },
      clock: () => new Date(),
    });
    const started = Date.now();
    const record = await engineFor(entities).assessAll({ trigger: 'manual' });
    return {
      seconds: (Date.now() - started) / 1000,
      record,
      mlflowRequests: c.mlflow.requestCounts().prod,
      airflowRequests: c.airflow.requestCounts().prod,
    };
  }

  it('asks each tool at most 2 requests per entity, and a dead tool costs one timeout', async () => {
    for (let i = 0; i < 180 && (await airflowDagCount()) < N; i++) {
      await new Promise(resolve => setTimeout(resolve, 10_000));
    }
    expect(await airflowDagCount()).toBeGreaterThanOrEqual(N);

    const healthy = await assess(mlflowUrl!);
    const proxy = await new FaultProxy(mlflowUrl!).start();
    proxy.fault = 'slow';
    const mlflowSilent = await assess(proxy.url);
    await proxy.stop();

    const results = {
      entities: N,
      healthy: {
        seconds: healthy.seconds,
        entitiesPerSecond: N / healthy.seconds,
        mlflowRequestsPerEntity: healthy.mlflowRequests / N,
        airflowRequestsPerEntity: healthy.airflowRequests / N,
        failed: healthy.record.failed,
      },
      mlflowNotAnswering: {
        seconds: mlflowSilent.seconds,
        extraSeconds: mlflowSilent.seconds - healthy.seconds,
        requestTimeoutSeconds: TIMEOUT_MS / 1000,
        mlflowRequests: mlflowSilent.mlflowRequests,
        failed: mlflowSilent.record.failed,
      },
    };
    const out = path.resolve(__dirname, '../../../../artifacts/bench');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(
      path.join(out, 'collectors.json'),
      JSON.stringify(results, null, 2),
    );
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

    expect(healthy.record.failed).toBe(0);
    expect(results.healthy.mlflowRequestsPerEntity).toBeLessThanOrEqual(2);
    expect(results.healthy.airflowRequestsPerEntity).toBeLessThanOrEqual(2);
    expect(mlflowSilent.record.status).toBe('completed');
  });
});

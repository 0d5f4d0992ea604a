/*
 * Benchmark of the MLOps maturity backend plugin on SQLite and PostgreSQL.
 *
 * Skipped unless MLOPS_BENCH=1; run it with `yarn bench` from the repository root, which starts
 * PostgreSQL (scripts/postgres.sh) and runs this file alone. It lives under src/ because
 * `backstage-cli package test` only looks for tests below a package's src/ (jest rootDir).
 *
 * It starts the plugin in a test backend with 10,000 ML services in the in-memory test catalog,
 * runs the scheduled assessment twice, measures the database size and then loads three read
 * routes with 20 concurrent HTTP clients. Results are printed as a table per database and
 * written to artifacts/bench/<database id>.json.
 *
 * Caveats: the catalog is backend-test-utils' in-memory catalog (every getEntityByRef builds a
 * map of all entities, so it adds a fixed cost to the one-entity route, measured and printed
 * separately, and is asked only under a conditional policy); the HTTP clients run in a worker
 * thread of the same process; the URL reader is simulated (see __testUtils__/seed.ts).
 *
 * Beside this file, __testUtils__/ holds its parts: seed.ts (the synthetic catalog, the simulated
 * URL reader, the capturing scheduler), load.ts (the HTTP clients and latency figures),
 * databaseSize.ts (database measures) and report.ts (targets and the printed table).
 */
import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { mlopsMaturityPlugin } from '../plugin';
import {
  databaseBytes,
  historyRows,
  pluginTableBytes,
} from './__testUtils__/databaseSize';
import {
  CLIENTS,
  LatencyStats,
  latencyStats,
  MAX_REQUESTS_PER_CLIENT,
  ROUTE_SECONDS,
  runClients,
} from './__testUtils__/load';
import { formatTable } from './__testUtils__/report';
import {
  capturingScheduler,
  ENTITIES,
  GROUPS,
  serviceName,
  simulatedUrlReader,
  syntheticCatalog,
  SYSTEMS,
} from './__testUtils__/seed';

const maybe = process.env.MLOPS_BENCH === '1' ? describe : describe.skip;

const WARMUP_REQUESTS = 200;
const TASK_ID = 'mlops-maturity-assess';
const API = '/api/mlops-maturity';

const postgresId = (process.env.MLOPS_TEST_POSTGRES_ID ??
  'POSTGRES_15') as TestDatabaseId;
const databases = TestDatabases.create({
  ids: ['SQLITE_3', postgresId],
  disableDocker: true,
});

maybe('MLOps maturity benchmark', () => {
  jest.setTimeout(15 * 60 * 1000);

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const results: Record<string, any> = {
      database: databaseId,
      entities: ENTITIES,
      owners: GROUPS,
      systems: SYSTEMS,
      clients: CLIENTS,
      routeSeconds: ROUTE_SECONDS,
      routes: {} as Record<string, LatencyStats & { path: string }>,
    };
    const entities = syntheticCatalog();
    const scheduler = capturingScheduler();
    let knex: Knex;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let baseUrl: string;
    let headers: Record<string, string> = {};

    async function getJson(route: string) {
      const res = await fetch(`${baseUrl}${route}`, { headers });
      const body = await res.text();
      if (res.status !== 200) {
        throw new Error(`GET ${route} answered ${res.status}: ${body}`);
      }
      return JSON.parse(body);
    }

    async function latestRun() {
      const { items } = await getJson(`${API}/v1/runs`);
      return items[0];
    }

    async function runAssessment() {
      const fn = scheduler.tasks.get(TASK_ID);
      if (!fn) throw new Error(`the task ${TASK_ID} was not scheduled`);
      const started = performance.now();
      await fn(new AbortController().signal);
      const seconds = (performance.now() - started) / 1000;
      return { seconds, run: await latestRun() };
    }

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          mlopsMaturityPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          scheduler.factory,
          mockServices.rootConfig.factory({
            data: {
              mlopsMaturity: {
                schedule: {
                  frequency: { trigger: 'manual' },
                  timeout: { minutes: 15 },
                },
              },
            },
          }),
          mockServices.rootLogger.factory({ level: 'error' }),
          simulatedUrlReader,
        ],
      });
      const { port } = backend.server.address() as AddressInfo;
      baseUrl = `http://127.0.0.1:${port}`;
      // The mock httpAuth treats a request without Authorization as a signed-in user; fall
      // back to the mock user token should that ever change.
      const probe = await fetch(`${baseUrl}${API}/v1/runs`);
      await probe.text();
      if (probe.status === 401) {
        headers = { Authorization: 'Bearer mock-user-token' };
      }
      results.authorization = headers.Authorization
        ? 'Bearer mock-user-token'
        : 'none (mock httpAuth default user)';
      results.emptyDatabaseBytes = await databaseBytes(knex);
    });

    afterAll(async () => {
      await backend?.stop();
      process.stdout.write(`${formatTable(databaseId, results)}\n`);
      const dir = path.join(
        process.env.MLOPS_ROOT ?? path.resolve(__dirname, '../../../..'),
        'artifacts',
        'bench',
      );
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${databaseId}.json`);
      fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
      process.stdout.write(`wrote ${file}\n`);
    });

    it('runs a full first assessment', async () => {
      const { seconds, run } = await runAssessment();
      results.firstRunSeconds = seconds;
      results.entitiesPerSecond = ENTITIES / seconds;
      results.firstRun = run;
      results.historyRowsAfterFirstRun = await historyRows(knex);
      if (run.failures?.length) {
        process.stdout.write(
          `first run failures: ${JSON.stringify(run.failures.slice(0, 5))}\n`,
        );
      }
      expect(run.status).toBe('completed');
      expect(run.assessed).toBe(ENTITIES);
    });

    it('adds no history rows on an unchanged second run', async () => {
      const before = await historyRows(knex);
      const { seconds, run } = await runAssessment();
      const after = await historyRows(knex);
      results.secondRunSeconds = seconds;
      results.secondRunEntitiesPerSecond = ENTITIES / seconds;
      results.secondRun = run;
      results.secondRunHistoryRowsAdded = after - before;
      expect(run.status).toBe('completed');
      expect(after - before).toBe(0);
      expect(run.changed).toBe(0);
    });

    it('measures the database size', async () => {
      const bytes = await databaseBytes(knex);
      results.dbBytes = bytes;
      results.dbBytesPerEntity = bytes / ENTITIES;
      results.dbGrowthBytesPerEntity =
        (bytes - results.emptyDatabaseBytes) / ENTITIES;
      const tables = await pluginTableBytes(knex);
      if (tables !== undefined) {
        results.pluginTableBytes = tables;
        results.pluginTableBytesPerEntity = tables / ENTITIES;
      }
      expect(bytes).toBeGreaterThan(0);
    });

    it('measures the cost of the in-memory test catalog (context only)', async () => {
      // The one-entity route asks the catalog whether the caller may read the entity; the
      // test catalog answers by building a map of all entities each time.
      const catalog = catalogServiceMock({ entities });
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const started = performance.now();
        await catalog.getEntityByRef(
          `component:default/${serviceName((i * 7919) % ENTITIES)}`,
        );
        times.push(performance.now() - started);
      }
      results.mockCatalogGetEntityByRefMs = latencyStats(times, 0, 1).p50;
      expect(times).toHaveLength(200);
    });

    const routes: Array<[string, (i: number) => string]> = [
      [
        'entity',
        i =>
          `${API}/v1/entities/component/default/${serviceName(
            (i * 7919) % ENTITIES,
          )}`,
      ],
      ['scorecard', () => `${API}/v1/scorecard?groupBy=owner`],
      ['list', () => `${API}/v1/entities?minLevel=2&limit=100`],
    ];

    it.each(routes)('serves %s under load', async (name, route) => {
      const failures: string[] = [];
      // A warm-up with one client, not counted in the load figures; its latencies show
      // the time of one request without queueing.
      const serial: number[] = [];
      for (let i = 0; i < WARMUP_REQUESTS; i++) {
        const t0 = performance.now();
        const res = await fetch(`${baseUrl}${route(i)}`, { headers });
        await res.arrayBuffer();
        serial.push(performance.now() - t0);
      }
      // The 20 clients run in a worker thread, as separate clients would, so that the backend
      // keeps this thread's core to itself.
      const urls = Array.from(
        { length: 10_000 },
        (_, k) => `${baseUrl}${route(k)}`,
      );
      const started = performance.now();
      const { latencies, non200, samples } = await runClients({
        urls,
        headers,
        clients: CLIENTS,
        seconds: ROUTE_SECONDS,
        maxPerClient: MAX_REQUESTS_PER_CLIENT,
      });
      failures.push(...samples);
      const seconds = (performance.now() - started) / 1000;
      results.routes[name] = {
        path: route(0),
        ...latencyStats(latencies, non200, seconds),
        serial: latencyStats(
          serial,
          0,
          serial.reduce((sum, ms) => sum + ms, 0) / 1000,
        ),
      };
      if (failures.length > 0) {
        process.stdout.write(
          `${name}: non-200 answers:\n  ${failures.join('\n  ')}\n`,
        );
      }
      expect(non200).toBe(0);
    });
  });
});

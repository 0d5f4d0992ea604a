/*
 * Scale benchmark on PostgreSQL (scripts/bench-scale.sh): MLOPS_BENCH_SCALE_ENTITIES ML services
 * (e.g. 100,000) whose claims are declared only (no tool is configured), generated page by
 * page by the catalog (__testUtils__/generatedCatalog.ts) so that the process holds no estate of
 * its own. It times a full assessment run (entities/s) and measures the process's resident
 * memory before the run and at its peak (the kernel's high-water mark, VmHWM, reset before the
 * run). With MLOPS_BENCH_LOAD_CLIENTS (e.g. 200) it then loads every read route at once, that
 * many concurrent clients for MLOPS_BENCH_LOAD_SECONDS (default 60), and reports each route's
 * latencies. Skipped unless MLOPS_BENCH=1 and the count is set. Results go to artifacts/bench/scale-<count>.json.
 *
 * Caveats: the backend, the test harness and the load clients (in a worker thread) share one
 * process and two cores; the peak is the whole process's, measured from its resident memory
 * once the backend has started.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { mlService } from '../__testUtils__/assessments';
import { mlopsMaturityPlugin } from '../plugin';
import { databaseBytes, pluginTableBytes } from './__testUtils__/databaseSize';
import { generatedCatalog } from './__testUtils__/generatedCatalog';
import {
  latencyStats,
  MAX_REQUESTS_PER_CLIENT,
  mixedEntries,
  runRouteClients,
} from './__testUtils__/load';
import { formatScaleTable } from './__testUtils__/report';
import { capturingScheduler, GROUPS, SYSTEMS } from './__testUtils__/seed';
import { memoryKb, resetPeakMemory } from './__testUtils__/memory';

// Run by scripts/bench-scale.sh, which sets the count; `yarn bench` leaves it out.
const maybe =
  process.env.MLOPS_BENCH === '1' && process.env.MLOPS_BENCH_SCALE_ENTITIES
    ? describe
    : describe.skip;
const COUNT = Number(process.env.MLOPS_BENCH_SCALE_ENTITIES);
const LOAD_CLIENTS = Number(process.env.MLOPS_BENCH_LOAD_CLIENTS ?? 0);
const LOAD_SECONDS = Number(process.env.MLOPS_BENCH_LOAD_SECONDS ?? 60);
const TASK_ID = 'mlops-maturity-assess';
const API = '/api/mlops-maturity';

const postgresId = (process.env.MLOPS_TEST_POSTGRES_ID ??
  'POSTGRES_15') as TestDatabaseId;
const databases = TestDatabases.create({
  ids: [postgresId],
  disableDocker: true,
});

const serviceName = (i: number) => `svc-${String(i).padStart(6, '0')}`;

/** The i-th ML service: levels 0–4 declared, 200 owners, 20 systems, no live tool. */
const serviceAt = (i: number) =>
  mlService(serviceName(i), {
    level: i % 5,
    owner: `group:default/team-${i % GROUPS}`,
    system: `system-${i % SYSTEMS}`,
  });

const systems = Array.from({ length: SYSTEMS }, (_, s) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: `system-${s}`, namespace: 'default' },
  spec: { owner: `group:default/team-${s}`, domain: `domain-${s % 4}` },
}));

maybe(`MLOps maturity at scale: ${COUNT} services on PostgreSQL`, () => {
  jest.setTimeout(60 * 60_000);

  const results: Record<string, any> = {
    database: postgresId,
    entities: COUNT,
    loadClients: LOAD_CLIENTS,
    loadSeconds: LOAD_SECONDS,
    routes: {},
  };
  const scheduler = capturingScheduler();
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;
  let headers: Record<string, string> = {};

  beforeAll(async () => {
    knex = await databases.init(postgresId);
    const { factory } = generatedCatalog({
      count: COUNT,
      entityAt: serviceAt,
      indexOf: ref => {
        const match = /^component:default\/svc-(\d+)$/.exec(ref);
        return match ? Number(match[1]) : undefined;
      },
      held: systems,
    });
    backend = await startTestBackend({
      features: [
        mlopsMaturityPlugin,
        factory,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            mlopsMaturity: {
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 60 },
              },
            },
          },
        }),
        mockServices.rootLogger.factory({ level: 'error' }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    // As in bench.test.ts: the mock httpAuth takes a request without Authorization for a
    // signed-in user; should that change, the mock user token is sent.
    const probe = await fetch(`${baseUrl}${API}/v1/runs`);
    await probe.text();
    if (probe.status === 401) {
      headers = { Authorization: 'Bearer mock-user-token' };
    }
    results.emptyDatabaseBytes = await databaseBytes(knex);
  });

  afterAll(async () => {
    await backend?.stop();
    process.stdout.write(`${formatScaleTable(results)}\n`);
    const dir = path.join(
      process.env.MLOPS_ROOT ?? path.resolve(__dirname, '../../../..'),
      'artifacts',
      'bench',
    );
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `scale-${COUNT}.json`);
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`wrote ${file}\n`);
  });

  it('assesses every service in one run, its memory bounded', async () => {
    const task = scheduler.tasks.get(TASK_ID);
    if (!task) throw new Error(`the task ${TASK_ID} was not scheduled`);
    results.rssBeforeRunMb = memoryKb('VmRSS') / 1024;
    results.heapUsedBeforeRunMb = process.memoryUsage().heapUsed / 2 ** 20;
    resetPeakMemory();
    let heapPeak = 0;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 100);
    // What the run keeps alive, as opposed to garbage V8 has not collected yet: the heap after
    // a full collection every 5 s (with --expose-gc, as scripts/bench-scale.sh runs it).
    const gc = (global as { gc?: () => void }).gc;
    let liveHeapPeak = 0;
    const liveSampler = setInterval(() => {
      if (!gc) return;
      gc();
      liveHeapPeak = Math.max(liveHeapPeak, process.memoryUsage().heapUsed);
    }, 5000);
    const started = performance.now();
    try {
      await task(new AbortController().signal);
    } finally {
      clearInterval(sampler);
      clearInterval(liveSampler);
    }
    const seconds = (performance.now() - started) / 1000;
    results.runSeconds = seconds;
    results.entitiesPerSecond = COUNT / seconds;
    results.peakRssMb = memoryKb('VmHWM') / 1024;
    results.peakRssGrowthMb = results.peakRssMb - results.rssBeforeRunMb;
    results.peakHeapUsedMb = heapPeak / 2 ** 20;
    if (gc) results.peakLiveHeapMb = liveHeapPeak / 2 ** 20;
    results.rssAfterRunMb = memoryKb('VmRSS') / 1024;
    results.pluginTableBytes = await pluginTableBytes(knex);
    results.pluginTableBytesPerEntity = results.pluginTableBytes / COUNT;
    const res = await fetch(`${baseUrl}${API}/v1/runs`, { headers });
    const run = (await res.json()).items[0];
    results.run = {
      status: run.status,
      selected: run.selected,
      assessed: run.assessed,
      failed: run.failed,
    };
    expect(run).toMatchObject({
      status: 'completed',
      assessed: COUNT,
      failed: 0,
    });
  });

  const routes: Record<string, (i: number) => string> = {
    rubric: () => `${API}/v1/rubric`,
    list: i => `${API}/v1/entities?minLevel=${i % 5}&limit=100`,
    scorecard: i =>
      `${API}/v1/scorecard?groupBy=${['owner', 'system', 'domain'][i % 3]}`,
    trend: () => `${API}/v1/scorecard/trend`,
    leverage: i =>
      `${API}/v1/scorecard/leverage${i % 2 ? '?belowTarget=true' : ''}`,
    facets: () => `${API}/v1/facets`,
    lastBlocker: i =>
      `${API}/v1/entities?lastBlocker=${
        ['experiment-tracking', 'training-pipeline', 'drift-monitoring'][i % 3]
      }&limit=100`,
    entity: i =>
      `${API}/v1/entities/component/default/${serviceName((i * 7919) % COUNT)}`,
    history: i =>
      `${API}/v1/entities/component/default/${serviceName(
        (i * 104_729) % COUNT,
      )}/history`,
    runs: () => `${API}/v1/runs`,
  };

  (LOAD_CLIENTS > 0 ? describe : describe.skip)('under load', () => {
    it(`serves ${LOAD_CLIENTS} concurrent clients on every read route at once`, async () => {
      const started = performance.now();
      const measured = await runRouteClients({
        entries: mixedEntries(
          Object.fromEntries(
            Object.entries(routes).map(([name, url]) => [
              name,
              (i: number) => `${baseUrl}${url(i)}`,
            ]),
          ),
          5_000,
        ),
        headers,
        clients: LOAD_CLIENTS,
        seconds: LOAD_SECONDS,
        maxPerClient: MAX_REQUESTS_PER_CLIENT,
      });
      const seconds = (performance.now() - started) / 1000;
      for (const [name, load] of Object.entries(measured)) {
        results.routes[name] = {
          path: routes[name](0),
          ...latencyStats(load.latencies, load.non200, seconds),
        };
        if (load.samples.length > 0) {
          process.stdout.write(
            `${name}: non-200 answers:\n  ${load.samples.join('\n  ')}\n`,
          );
        }
      }
      expect(
        Object.fromEntries(
          Object.entries(measured).map(([name, load]) => [name, load.non200]),
        ),
      ).toEqual(Object.fromEntries(Object.keys(routes).map(r => [r, 0])));
    });
  });
});

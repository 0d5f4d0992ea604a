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
 * thread of the same process; the URL reader is simulated (see below).
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskFunction,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError, NotImplementedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { mlService } from '../__testUtils__/assessments';
import { mlopsMaturityPlugin } from '../plugin';

/**
 * The load clients' code, run in a worker thread. Each client sends one request at a time over
 * a kept-alive connection of its own, with the Accept-Encoding a browser sends, and times it
 * until the last byte of the body. It uses node:http rather than fetch because the clients
 * share the machine's two cores with the backend: fetch's streams and decompression cost the
 * client several times more CPU than the request costs the server, and that CPU is taken from
 * the server being measured. Bodies are not decompressed, only counted.
 */
const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const http = require('node:http');
(async () => {
  const { urls, headers, clients, seconds, maxPerClient } = workerData;
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const requestHeaders = { 'accept-encoding': 'gzip, deflate', ...headers };
  const latencies = [];
  const samples = [];
  let non200 = 0;
  let sequence = 0;
  const get = url => new Promise(resolve => {
    const req = http.get(url, { agent, headers: requestHeaders }, res => {
      const chunks = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: chunks }));
      res.on('error', error => resolve({ status: 0, body: [Buffer.from(String(error))] }));
    });
    req.on('error', error => resolve({ status: 0, body: [Buffer.from(String(error))] }));
  });
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let n = 0; n < maxPerClient && performance.now() < deadline; n++) {
      const url = urls[sequence++ % urls.length];
      const t0 = performance.now();
      const { status, body } = await get(url);
      latencies.push(performance.now() - t0);
      if (status !== 200) {
        non200++;
        if (samples.length < 5) {
          samples.push(status + ' ' + url + ': ' + Buffer.concat(body).toString('utf8').slice(0, 300));
        }
      }
    }
  }));
  agent.destroy();
  parentPort.postMessage({ latencies, non200, samples });
})();
`;

/** Runs concurrent HTTP clients in a worker thread, bounded by time and count. */
function runClients(options: {
  urls: string[];
  headers: Record<string, string>;
  clients: number;
  seconds: number;
  maxPerClient: number;
}): Promise<{ latencies: number[]; non200: number; samples: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, { eval: true, workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const maybe = process.env.MLOPS_BENCH === '1' ? describe : describe.skip;

const ENTITIES = 10_000;
const GROUPS = 200;
const SYSTEMS = 20;
const CLIENTS = 20;
const ROUTE_SECONDS = Number(process.env.MLOPS_BENCH_SECONDS ?? 30);
/** Upper bound of requests per client and route, besides the time bound. */
const MAX_REQUESTS_PER_CLIENT = 200_000;
const WARMUP_REQUESTS = 200;
const TASK_ID = 'mlops-maturity-assess';
const API = '/api/mlops-maturity';

const TARGETS = {
  entitiesPerSecond: 500,
  p95: { entity: 15, scorecard: 60, list: 30 } as Record<string, number>,
};

const postgresId = (process.env.MLOPS_TEST_POSTGRES_ID ??
  'POSTGRES_15') as TestDatabaseId;
const databases = TestDatabases.create({
  ids: ['SQLITE_3', postgresId],
  disableDocker: true,
});

const serviceName = (i: number) => `svc-${String(i).padStart(5, '0')}`;

/** 10,000 ML services over 200 owners, 20 systems and levels 0–4, and the 20 systems. */
function syntheticCatalog(): Entity[] {
  const entities: Entity[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    entities.push(
      mlService(serviceName(i), {
        level: i % 5,
        owner: `group:default/team-${i % GROUPS}`,
        system: `system-${i % SYSTEMS}`,
        // Every fourth service has a repository, so repository evidence is read for it.
        annotations:
          i % 4 === 0
            ? {
                'backstage.io/source-location': `url:https://github.com/acme/repo-${i}/tree/main/`,
              }
            : {},
      }),
    );
  }
  for (let s = 0; s < SYSTEMS; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `system-${s}`, namespace: 'default' },
      spec: { owner: `group:default/team-${s}`, domain: `domain-${s % 4}` },
    });
  }
  return entities;
}

/**
 * The real GitHub is unreachable from this environment, so the URL reader is simulated: a read
 * of a file ending in train.py succeeds after about 2 ms, as a fast SCM answer would; any other
 * file is not found. This exercises the plugin's reading, caching and concurrency limit without
 * the network.
 */
const simulatedUrlReader = createServiceFactory({
  service: coreServices.urlReader,
  deps: {},
  factory: (): UrlReaderService => ({
    async readUrl(url) {
      if (!url.endsWith('train.py'))
        throw new NotFoundError(`${url} not found`);
      await new Promise(resolve => setTimeout(resolve, 2));
      const body = Buffer.from('print("train")\n');
      return { buffer: async () => body };
    },
    async readTree() {
      throw new NotImplementedError('readTree is not simulated');
    },
    async search() {
      throw new NotImplementedError('search is not simulated');
    },
  }),
});

/**
 * The test backend's mock scheduler has no HTTP trigger endpoint, so this wraps it and keeps
 * the function of each scheduled task, for the benchmark to call and time directly. The wrapped
 * mock never runs tasks by itself (its start-up trigger only exists on its own factory).
 */
function capturingScheduler() {
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const inner = mockServices.scheduler();
  const scheduler: SchedulerService = {
    scheduleTask: async task => {
      tasks.set(task.id, task.fn);
      await inner.scheduleTask(task);
    },
    createScheduledTaskRunner: schedule => ({
      run: task => scheduler.scheduleTask({ ...task, ...schedule }),
    }),
    getScheduledTasks: () => inner.getScheduledTasks(),
    triggerTask: id => inner.triggerTask(id),
    cancelTask: id => inner.cancelTask(id),
  };
  const factory = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: () => scheduler,
  });
  return { tasks, factory };
}

interface LatencyStats {
  requests: number;
  non200: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[index];
}

function latencyStats(
  latencies: number[],
  non200: number,
  seconds: number,
): LatencyStats {
  const sorted = Float64Array.from(latencies).sort();
  const values = Array.from(sorted);
  return {
    requests: latencies.length,
    non200,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values[values.length - 1] ?? NaN,
  };
}

async function databaseBytes(knex: Knex): Promise<number> {
  if (knex.client.config.client === 'pg') {
    const r = await knex.raw(
      'select pg_database_size(current_database()) as size',
    );
    return Number(r.rows[0].size);
  }
  const [{ page_count: pages }] = await knex.raw('PRAGMA page_count');
  const [{ page_size: size }] = await knex.raw('PRAGMA page_size');
  return Number(pages) * Number(size);
}

/** Bytes of the plugin's own tables with their indexes (PostgreSQL only). */
async function pluginTableBytes(knex: Knex): Promise<number | undefined> {
  if (knex.client.config.client !== 'pg') return undefined;
  const r = await knex.raw(
    `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as size
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname = current_schema() and c.relname like 'mlops\\_%'`,
  );
  return Number(r.rows[0].size);
}

async function historyRows(knex: Knex): Promise<number> {
  const [{ count }] = await knex('mlops_history').count({ count: '*' });
  return Number(count);
}

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** One table row: cells padded to widths; a negative width pads on the right (text). */
function tableRow(cells: string[], widths: number[]): string {
  return `| ${cells
    .map((c, i) =>
      widths[i] < 0 ? c.padEnd(-widths[i]) : c.padStart(widths[i]),
    )
    .join(' | ')} |`;
}

function tableRule(widths: number[]): string {
  return `+${widths.map(w => '-'.repeat(Math.abs(w) + 2)).join('+')}+`;
}

/** The printed results of one database. */
function formatTable(databaseId: string, r: Record<string, any>): string {
  const lines: string[] = [];
  const w = [-46, 14, -14];
  const row = (label: string, value: string, check = '') =>
    lines.push(tableRow([label, value, check], w));
  const target = (ok: boolean | undefined, text: string) =>
    ok === undefined ? '' : `${verdict(ok)} ${text}`;

  lines.push('', tableRule(w));
  row(`MLOps maturity benchmark: ${databaseId}`, 'value', 'target');
  lines.push(tableRule(w));
  row(
    `full first run, entities/s (${fmt(r.firstRunSeconds, 2)} s)`,
    fmt(r.entitiesPerSecond),
    target(
      r.entitiesPerSecond === undefined
        ? undefined
        : r.entitiesPerSecond >= TARGETS.entitiesPerSecond,
      `>= ${TARGETS.entitiesPerSecond}`,
    ),
  );
  row(
    'first run: assessed/changed/failed',
    r.firstRun
      ? `${r.firstRun.assessed}/${r.firstRun.changed}/${r.firstRun.failed}`
      : '-',
  );
  row(
    `second run, entities/s (${fmt(r.secondRunSeconds, 2)} s)`,
    fmt(r.secondRunEntitiesPerSecond),
  );
  row(
    'second run: history rows added (run.changed)',
    r.secondRun ? String(r.secondRun.changed) : '-',
    target(r.secondRun ? r.secondRun.changed === 0 : undefined, '= 0'),
  );
  row(
    'second run: history rows added (row count)',
    String(r.secondRunHistoryRowsAdded ?? '-'),
    target(
      r.secondRunHistoryRowsAdded === undefined
        ? undefined
        : r.secondRunHistoryRowsAdded === 0,
      '= 0',
    ),
  );
  row(
    'history rows after first run',
    String(r.historyRowsAfterFirstRun ?? '-'),
  );
  row('DB bytes/entity (whole database)', fmt(r.dbBytesPerEntity, 0));
  row(
    'DB bytes/entity (growth over empty schema)',
    fmt(r.dbGrowthBytesPerEntity, 0),
  );
  if (r.pluginTableBytesPerEntity !== undefined) {
    row(
      'DB bytes/entity (mlops_* tables + indexes)',
      fmt(r.pluginTableBytesPerEntity, 0),
    );
  }
  row(
    'test catalog getEntityByRef p50 ms (context)',
    fmt(r.mockCatalogGetEntityByRefMs, 2),
  );
  lines.push(tableRule(w));

  const rw = [-10, 8, 7, 7, 7, 7, 7, 12, -13];
  lines.push(tableRule(rw));
  lines.push(
    tableRow(
      [
        `${CLIENTS} clients`,
        'requests',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'non-200',
        '1-client p50',
        'p95 target',
      ],
      rw,
    ),
  );
  lines.push(tableRule(rw));
  for (const [name, s] of Object.entries(
    (r.routes ?? {}) as Record<string, LatencyStats & { serial: LatencyStats }>,
  )) {
    const limit = TARGETS.p95[name];
    lines.push(
      tableRow(
        [
          name,
          String(s.requests),
          fmt(s.rps),
          fmt(s.p50, 2),
          fmt(s.p95, 2),
          fmt(s.p99, 2),
          String(s.non200),
          fmt(s.serial?.p50, 2),
          `${verdict(s.p95 <= limit)} <= ${limit}`,
        ],
        rw,
      ),
    );
  }
  lines.push(tableRule(rw), '');
  return lines.join('\n');
}

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

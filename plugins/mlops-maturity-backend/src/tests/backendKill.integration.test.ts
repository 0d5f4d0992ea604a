import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { postgresTestId } from '../__testUtils__/databases';
import { MlflowRegistryServer } from '../__testUtils__/MlflowRegistryServer';
import { BackendProcess } from './__testUtils__/backendProcess';
import {
  asksPastFirstBatch,
  BATCH,
  ENTITIES,
  serviceName,
  storedEstate,
  until,
} from './__testUtils__/faultEstate';
import { freePort } from './__testUtils__/postgresCluster';

jest.setTimeout(400_000);

const TASK_ID = 'mlops-maturity-assess';
/** The schedule's timeout: a killed run keeps the scheduler's lock this long. */
const TIMEOUT_SECONDS = 90;

/** How the child backend and the test reach one database. */
interface FaultDatabase {
  /** `backend.database` of the child's config. */
  config: object;
  /** A client of the plugin's database, as the child's database service names it. */
  connect(): Knex;
  cleanUp(): Promise<void>;
}

function sqliteDatabase(dir: string): FaultDatabase {
  return {
    config: { client: 'better-sqlite3', connection: { directory: dir } },
    connect: () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'mlops-maturity.sqlite') },
        useNullAsDefault: true,
      }),
    cleanUp: async () => {},
  };
}

/** The shared test server (scripts/postgres.sh); the child creates a database of its own. */
function postgresDatabase(url: string): FaultDatabase {
  const prefix = `mlops_kill_${process.pid}_`;
  const database = `${prefix}mlops-maturity`;
  const client = (name: string) => {
    const connection = new URL(url);
    connection.pathname = `/${encodeURIComponent(name)}`;
    return knexFactory({
      client: 'pg',
      connection: connection.toString(),
      pool: { min: 0, max: 2 },
    });
  };
  return {
    config: { client: 'pg', connection: url, prefix },
    connect: () => client(database),
    cleanUp: async () => {
      const admin = client('postgres');
      try {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
      } finally {
        await admin.destroy();
      }
    },
  };
}

const postgresUrl =
  process.env[
    `BACKSTAGE_TEST_DATABASE_${postgresTestId.replace(
      '_',
      '',
    )}_CONNECTION_STRING`
  ];
const targets: Array<[string, (dir: string) => FaultDatabase]> = [
  ['SQLite', sqliteDatabase],
];
if (postgresUrl)
  targets.push([postgresTestId, () => postgresDatabase(postgresUrl)]);

describe.each(targets)(
  'the backend killed in the middle of a run on %s',
  (_name, databaseFor) => {
    let dir: string;
    let database: FaultDatabase;
    let mlflow: MlflowRegistryServer;
    let knex: Knex | undefined;
    const processes: BackendProcess[] = [];

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-kill-'));
      database = databaseFor(dir);
      mlflow = await new MlflowRegistryServer(
        Array.from({ length: ENTITIES }, (_, i) => serviceName(i)),
      ).start();
    });

    afterAll(async () => {
      await Promise.all(processes.map(p => p.kill()));
      await knex?.destroy();
      await mlflow?.stop();
      await database?.cleanUp();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Starts the backend with `entities` services in its catalog. */
    async function startBackend(entities: number): Promise<BackendProcess> {
      const port = await freePort();
      const configFile = path.join(dir, `app-config-${processes.length}.yaml`);
      // JSON is YAML.
      fs.writeFileSync(
        configFile,
        JSON.stringify({
          backend: {
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { host: '127.0.0.1', port },
            database: database.config,
          },
          mlopsMaturity: {
            schedule: {
              frequency: { seconds: 5 },
              timeout: { seconds: TIMEOUT_SECONDS },
              initialDelay: { seconds: 0 },
            },
            tools: {
              mlflow: [
                { name: 'prod', baseUrl: mlflow.url, timeoutMs: 120_000 },
              ],
            },
          },
        }),
      );
      const backend = BackendProcess.start({
        configFile,
        entities,
        logFile: path.join(dir, `backend-${processes.length}.log`),
      });
      processes.push(backend);
      return backend;
    }

    /** Waits for `condition` while the backend runs; its output tells why it did not hold. */
    async function whileRunning(
      backend: BackendProcess,
      condition: () => Promise<boolean> | boolean,
      what: string,
    ) {
      try {
        await until(
          async () => {
            if (backend.exited) throw new Error('the backend exited');
            return condition();
          },
          what,
          150_000,
        );
      } catch (error) {
        throw new Error(
          `${error}\n--- backend output ---\n${backend.logTail()}`,
        );
      }
    }

    const lastRun = async () => (await storedEstate(knex!)).runs.slice(-1)[0];

    it('leaves whole assessments, duplicates no history, and the run shows as interrupted', async () => {
      // MLflow answers the first batch's runs; the second batch's wait for it, and the first
      // batch's write completes meanwhile.
      mlflow.hold = asksPastFirstBatch;
      const first = await startBackend(ENTITIES);
      await whileRunning(first, () => mlflow.held > 0, 'the second batch');
      knex = database.connect();
      await whileRunning(
        first,
        async () => (await storedEstate(knex!)).assessed === BATCH,
        'the first batch to be stored',
      );
      expect(await storedEstate(knex)).toMatchObject({
        assessed: BATCH,
        runs: [{ status: 'running' }],
      });

      await first.kill();
      expect(await storedEstate(knex)).toMatchObject({
        assessed: BATCH,
        partial: [],
        historyRows: BATCH,
        duplicateHistory: [],
        runs: [{ status: 'running' }],
      });

      // The killed run holds the scheduler's lock until its timeout; the next backend's
      // janitor frees it when it starts after that.
      await until(
        async () =>
          (
            await knex!('backstage_backend_tasks__tasks')
              .where('id', TASK_ID)
              .where('current_run_expires_at', '<', knex!.fn.now())
          ).length > 0,
        'the killed run to time out',
        (TIMEOUT_SECONDS + 30) * 1000,
      );
      mlflow.release();
      const second = await startBackend(ENTITIES);
      await whileRunning(
        second,
        async () => (await lastRun())?.status === 'completed',
        'a completed run after the restart',
      );
      await second.stop();
      const restarted = await storedEstate(knex);
      expect(restarted).toMatchObject({
        assessed: ENTITIES,
        partial: [],
        historyRows: ENTITIES,
        duplicateHistory: [],
      });
      expect(restarted.runs[0]).toEqual({
        status: 'interrupted',
        assessed: 0,
        removalHeld: 0,
      });
      expect(restarted.runs[1]).toMatchObject({
        status: 'completed',
        assessed: ENTITIES,
      });
    });

    it('keeps every assessment when the catalog answers empty, and marks the run', async () => {
      const runsBefore = (await storedEstate(knex!)).runs.length;
      const empty = await startBackend(0);
      await whileRunning(
        empty,
        async () => {
          const { runs } = await storedEstate(knex!);
          return (
            runs.length > runsBefore &&
            runs[runs.length - 1].status === 'completed'
          );
        },
        'a run of the empty catalog',
      );
      await empty.stop();
      const after = await storedEstate(knex!);
      expect(after.assessed).toBe(ENTITIES);
      expect(after.runs[after.runs.length - 1]).toMatchObject({
        status: 'completed',
        removalHeld: ENTITIES,
      });
    });
  },
);

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import knexFactory, { Knex } from 'knex';
import { createTestEngine } from '../__testUtils__/createTestEngine';
import { MlflowRegistryServer } from '../__testUtils__/MlflowRegistryServer';
import { MlflowCollector } from '../collectors/mlflow/MlflowCollector';
import {
  asksPastFirstBatch,
  BATCH,
  ENTITIES,
  faultEstate,
  serviceName,
  storedEstate,
  until,
} from './__testUtils__/faultEstate';
import {
  PostgresCluster,
  postgresBinaries,
} from './__testUtils__/postgresCluster';

jest.setTimeout(180_000);

// A server of the test's own, on its own port: the shared test server must keep running.
const describeWithPostgres = postgresBinaries() ? describe : describe.skip;

describeWithPostgres('PostgreSQL stopped in the middle of a run', () => {
  let cluster: PostgresCluster;
  let knex: Knex;
  let mlflow: MlflowRegistryServer;

  beforeAll(async () => {
    cluster = await PostgresCluster.create();
    mlflow = await new MlflowRegistryServer(
      Array.from({ length: ENTITIES }, (_, i) => serviceName(i)),
    ).start();
    knex = knexFactory({
      client: 'pg',
      connection: cluster.connection,
      pool: { min: 0, max: 4 },
    });
  });

  afterAll(async () => {
    await knex?.destroy();
    await mlflow?.stop();
    await cluster?.destroy();
  });

  it('fails the run cleanly, leaves nothing partial, and the next run after it is back completes', async () => {
    const tools = {
      mlflow: [{ name: 'prod', baseUrl: mlflow.url, timeoutMs: 60_000 }],
    };
    const { engineFor, store, logger } = await createTestEngine({
      knex,
      clock: () => new Date(),
      config: { tools },
      collectors: [
        MlflowCollector.fromConfig(
          new ConfigReader({ mlopsMaturity: { tools } }),
          mockServices.logger.mock(),
        )!,
      ],
    });
    const engine = engineFor(faultEstate(ENTITIES));

    // MLflow answers the first batch's runs; the second batch's wait for it, and the first
    // batch's write completes meanwhile.
    mlflow.hold = asksPastFirstBatch;
    const running = engine.assessAll({ trigger: 'schedule' });
    await until(() => mlflow.held > 0, 'the second batch to ask MLflow');
    await until(
      async () => (await storedEstate(knex)).assessed === BATCH,
      'the first batch to be stored',
    );

    await cluster.stop('immediate');
    mlflow.release();
    const failed = await running;
    expect(failed).toMatchObject({ status: 'failed', assessed: BATCH });
    // One error for the run, not one per entity of the batch.
    expect(failed.failed).toBe(0);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('MLOps maturity run failed'),
    );

    await cluster.start();
    const afterOutage = await storedEstate(knex);
    expect(afterOutage).toMatchObject({
      assessed: BATCH,
      partial: [],
      historyRows: BATCH,
      duplicateHistory: [],
      // Its end could not be recorded while the database was down.
      runs: [{ status: 'running' }],
    });

    const next = await engine.assessAll({ trigger: 'schedule' });
    expect(next).toMatchObject({
      status: 'completed',
      selected: ENTITIES,
      assessed: ENTITIES,
      failed: 0,
      removed: 0,
    });
    expect(await storedEstate(knex)).toMatchObject({
      assessed: ENTITIES,
      partial: [],
      historyRows: ENTITIES,
      duplicateHistory: [],
      runs: [
        { status: 'failed', assessed: BATCH },
        { status: 'completed', assessed: ENTITIES },
      ],
    });
    expect((await store.listRuns(1))[0].status).toBe('completed');
  });
});
